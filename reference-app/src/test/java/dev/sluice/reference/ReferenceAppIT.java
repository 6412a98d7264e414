package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, in small: the embedded default starts, runs and accounts for every event, in Kafka and in S3. */
class ReferenceAppIT {

    @Test
    void theEmbeddedDemoAccountsForEveryEvent(@TempDir Path lake) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        boolean balanced = ReferenceApp.run(new DemoOptions(5_000, false, 2, lake, 0), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(balanced).as(out).isTrue();
        assertThat(out).contains("generated           5,000 events").contains("accounted for       every event")
                .containsPattern("raw zone \\(S3\\) +[0-9,]+ rows in [1-9][0-9]* Parquet files");
        assertThat(lake.resolve("lake").resolve("clicks")).as("Parquet files under the lake directory").isDirectory();
    }
}
