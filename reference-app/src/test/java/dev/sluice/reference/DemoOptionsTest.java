package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void parsesOptions() {
        assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(100_000, false, 3, Path.of("target", "lake"), 8000, Path.of("target", "lineage", "datahub-proposals.json")));
        assertThat(DemoOptions.parse("--records", "1_000_000", "--partitions", "6", "--until-stopped", "--lake", "/tmp/l", "--port", "0"))
                .isEqualTo(new DemoOptions(1_000_000, true, 6, Path.of("/tmp/l"), 0, Path.of("target", "lineage", "datahub-proposals.json")));
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> DemoOptions.parse("--records", "many")).hasMessageStartingWith("--records needs a number, got \"many\"");
        assertThatThrownBy(() -> DemoOptions.parse("--records")).hasMessageStartingWith("--records needs a number");
        assertThatThrownBy(() -> DemoOptions.parse("--records", "0")).hasMessage("--records must be at least 1, got 0");
        assertThatThrownBy(() -> DemoOptions.parse("--fast")).hasMessageStartingWith("unknown option --fast");
    }
}
