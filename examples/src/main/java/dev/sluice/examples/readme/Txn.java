package dev.sluice.examples.readme;

/** A payment as the stream runtime's snippet reads it from {@code payments}. */
public record Txn(String id, String account, long amountCents, String currency) {}
