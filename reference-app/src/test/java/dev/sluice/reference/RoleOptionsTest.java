package dev.sluice.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RoleOptionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:30:00Z"), ZoneOffset.UTC);

    @Test
    void theArgumentsTheManifestsAndTheDagPass() {
        RoleOptions batch = RoleOptions.parse(CLOCK, "--role", "batch", "--config", "/etc/sluice/app.yaml", "--date", "yesterday");
        assertThat(batch).isEqualTo(new RoleOptions(RoleOptions.Role.BATCH, Path.of("/etc/sluice/app.yaml"), LocalDate.of(2026, 11, 23)));
        assertThat(RoleOptions.parse(CLOCK, "--role", "pinot-push", "--config", "a.yaml", "--date", "2026-11-01").role())
                .isEqualTo(RoleOptions.Role.PINOT_PUSH);
        assertThat(RoleOptions.parse(CLOCK, "--role", "stream", "--config", "a.yaml").date()).isNull();
        assertThat(RoleOptions.isRoleRun("--role", "ingest")).isTrue();
        assertThat(RoleOptions.isRoleRun("--records", "10")).isFalse();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> RoleOptions.parse(CLOCK, "--role", "compact", "--config", "a.yaml"))
                .hasMessageStartingWith("--role compact needs --date");
        assertThatThrownBy(() -> RoleOptions.parse(CLOCK, "--role", "shuffle", "--config", "a.yaml"))
                .hasMessageStartingWith("unknown role \"shuffle\"");
        assertThatThrownBy(() -> RoleOptions.parse(CLOCK, "--role", "batch", "--config", "a.yaml", "--date", "24.11.2026"))
                .hasMessage("--date must be YYYY-MM-DD, yesterday or today, got \"24.11.2026\"");
        assertThatThrownBy(() -> RoleOptions.parse(CLOCK, "--role", "ingest")).hasMessageStartingWith("--config is required");
    }
}
