package dev.sluice.examples;

/** An order as it arrives on the {@code orders} topic: Avro binary, read and written through Avro reflection. */
public record Order(String id, String country, long amountCents, boolean test) {}
