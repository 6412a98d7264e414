package dev.sluice.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingest.http.ApiKeys.ApiKey;
import dev.sluice.ingest.http.ApiKeys.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String SECRET = "s3cr3t-key-0123456789";

    private final ApiKeys keys = ApiKeys.of(List.of(
            ApiKey.ofHash("web", ApiKeys.hashOf(SECRET), Set.of("clicks")),
            ApiKey.ofSecret("ops", "ops-key-abcdef", Set.of("*"))));

    @Test
    void judgesMissingWrongForbiddenAndAllowedKeys() {
        assertThat(keys.check(null, "clicks")).isEqualTo(Verdict.MISSING);
        assertThat(keys.check(" ", "clicks")).isEqualTo(Verdict.MISSING);
        assertThat(keys.check("nope", "clicks")).isEqualTo(Verdict.INVALID);
        assertThat(keys.check(SECRET, "orders")).isEqualTo(Verdict.FORBIDDEN);
        assertThat(keys.check(SECRET, "clicks")).isEqualTo(Verdict.ALLOWED);
        assertThat(keys.check("ops-key-abcdef", "anything")).isEqualTo(Verdict.ALLOWED);
        assertThat(ApiKeys.open().check(null, "clicks")).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void neitherSecretNorHashAppearsInTextForms() {
        String hash = ApiKeys.hashOf(SECRET);
        for (String text : List.of(keys.toString(), keys.toString(), ApiKey.ofSecret("web", SECRET, Set.of("x")).toString())) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(hash).doesNotContain(hash.substring(0, 16));
        }
        assertThat(hash).hasSize(64).isNotEqualTo(SECRET);
    }
}
