package dev.sluice.benchmarks;

/** One system under test in the end-to-end harness: started on an input topic, writing an output topic. */
interface Contender extends AutoCloseable {

    /** Starts consuming {@code in} as {@code group} with {@code threads} consumers, writing {@code out}; returns at once. */
    void start(String bootstrap, String in, String out, String group, boolean exactlyOnce, int threads) throws Exception;

    /** Throws, naming the cause, if the contender has failed and will write nothing more; called while the harness waits. */
    default void check() throws Exception {}

    @Override
    void close() throws Exception;
}
