package dev.sluice.api.error;

import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import dev.sluice.api.annotation.Public;
import java.time.Instant;

/**
 * The headers every dead letter carries, whatever sink stores it, in the manner of Kafka Connect's
 * {@code __connect.errors.*}. The original record's own headers are kept and these are appended.
 */
@Public
public final class DeadLetterHeaders {

    public static final String PREFIX = "sluice.dlq.";
    public static final String PIPELINE = PREFIX + "pipeline";
    public static final String SOURCE_TOPIC = PREFIX + "source.topic";
    public static final String SOURCE_PARTITION = PREFIX + "source.partition";
    public static final String SOURCE_OFFSET = PREFIX + "source.offset";
    public static final String SOURCE_POSITION = PREFIX + "source.position";
    public static final String STAGE = PREFIX + "stage";
    public static final String COMPONENT = PREFIX + "component";
    public static final String EXCEPTION_CLASS = PREFIX + "exception.class";
    public static final String EXCEPTION_MESSAGE = PREFIX + "exception.message";
    public static final String ATTEMPT = PREFIX + "attempt";
    public static final String TIMESTAMP = PREFIX + "timestamp";

    /** Messages are capped: a header is not the place for a megabyte of stack trace. */
    static final int MAX_MESSAGE_CHARS = 2_000;

    private DeadLetterHeaders() {}

    /** The failed record's headers plus the dead-letter headers describing the failure. */
    public static EnvelopeHeaders describe(String pipeline, Failure failure, Instant now) {
        EnvelopeHeaders h = failure.envelope().headers().with(PIPELINE, pipeline);
        Position position = failure.envelope().position();
        if (position instanceof Position.Kafka k) {
            h = h.with(SOURCE_TOPIC, k.topic())
                    .with(SOURCE_PARTITION, Integer.toString(k.partition()))
                    .with(SOURCE_OFFSET, Long.toString(k.offset()));
        }
        return h.with(SOURCE_POSITION, position.describe())
                .with(STAGE, failure.stage().tag())
                .with(COMPONENT, failure.component())
                .with(EXCEPTION_CLASS, failure.cause().getClass().getName())
                .with(EXCEPTION_MESSAGE, truncate(messageOf(failure.cause())))
                .with(ATTEMPT, Integer.toString(failure.attempt()))
                .with(TIMESTAMP, now.toString());
    }

    /** The outermost message: Sluice's own exceptions write it to name the field, offset or line. */
    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m != null ? m : t.getClass().getName();
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
