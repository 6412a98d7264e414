package dev.sluice.testkit;

import dev.sluice.api.error.ErrorPolicies;
import dev.sluice.api.error.FailureHandler;
import java.util.UUID;

/** What the contract suites share: a failure handler that records, and unique ids per test. */
final class ContractSupport {

    private ContractSupport() {}

    static FailureHandler failures(CollectingDeadLetterSink deadLetters) {
        return new FailureHandler("contract", ErrorPolicies.all(TransformHarness.NO_WAIT_DEAD_LETTER), deadLetters, new RecordingListener());
    }

    /** A fresh id, safe in topic, bucket and group names. */
    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
