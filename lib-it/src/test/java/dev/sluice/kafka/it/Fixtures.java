package dev.sluice.kafka.it;

import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.testkit.TransformHarness;
import java.time.Instant;
import java.util.UUID;

/** Test data and settings shared by the integration tests. */
final class Fixtures {

    private Fixtures() {}

    static PageView pageView(int i) {
        return PageView.newBuilder()
                .setEventId("e-" + i)
                .setUserId("u-" + (i % 17))
                .setUrl("/products/" + (i % 101))
                .setDurationMs(100L + i)
                .setTimestamp(Instant.parse("2026-11-24T07:00:00Z").plusSeconds(i))
                .setReferrer(i % 3 == 0 ? null : "https://search.example/?q=" + i)
                .build();
    }

    /** A topic name unique to one test. */
    static String topic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Default policies without waiting between retries. */
    static ErrorPolicies fastPolicies() {
        return ErrorPolicies.all(TransformHarness.NO_WAIT_DEAD_LETTER);
    }
}
