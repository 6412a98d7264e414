package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's run command, in small: the embedded default starts, runs and accounts for every event. */
class ReferenceAppIT {

    @Test
    void theEmbeddedDemoAccountsForEveryEvent() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean balanced = ReferenceApp.run(new DemoOptions(5_000, false, 2), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(balanced).as(out).isTrue();
        assertThat(out).contains("generated           5,000 events").contains("accounted for       every event");
    }
}
