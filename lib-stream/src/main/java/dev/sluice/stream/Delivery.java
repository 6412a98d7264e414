package dev.sluice.stream;

/** What a {@link StreamPipeline} promises about its output. */
public enum Delivery {
    /**
     * Every input is in the output at least once. Positions are committed only after every sink
     * flushed the records before them; after a crash, a sink failure or an unclean rebalance, the
     * records since the last commit are processed again (duplicates possible, loss impossible).
     */
    AT_LEAST_ONCE,
    /**
     * Kafka to Kafka: each input's outputs appear exactly once to {@code read_committed} readers.
     * Outputs and consumer offsets are committed in one producer transaction; a crash aborts the
     * open transaction and the records since the last commit are processed again inside a new one.
     * Needs exactly one sink, a transactional one (a Kafka sink). Dead letters stay
     * at-least-once (they are written outside the transaction).
     */
    EXACTLY_ONCE
}
