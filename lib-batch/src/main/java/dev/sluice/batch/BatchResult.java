package dev.sluice.batch;

/**
 * What a {@link BatchJob} run did: records read, records written (a transform may emit zero or
 * several per input), and records that failed into the errors table.
 */
public record BatchResult(long in, long out, long failed) {}
