package dev.sluice.ingest.cdc;

import dev.sluice.api.Require;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;

/**
 * A typed view of a CDC source's value (Debezium's envelope as an Avro record): the operation, the
 * row before and after, and where in the database log it happened.
 */
public record RowChange(Op op, GenericRecord before, GenericRecord after, GenericRecord source, Instant at) {

    /** Debezium's operations: c, u, d, r (snapshot read), t (truncate), m (message). */
    public enum Op {
        CREATE("c"), UPDATE("u"), DELETE("d"), READ("r"), TRUNCATE("t"), MESSAGE("m");

        private final String code;

        Op(String code) {
            this.code = code;
        }

        public static Op of(String code) {
            for (Op o : values()) {
                if (o.code.equals(code)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown change operation '" + code + "'");
        }
    }

    /** Reads an envelope record as the CDC source produces it. */
    public static RowChange of(GenericRecord envelope) {
        Require.nonNull(envelope, "envelope");
        Object ts = envelope.get("ts_ms");
        return new RowChange(Op.of(envelope.get("op").toString()), (GenericRecord) envelope.get("before"),
                (GenericRecord) envelope.get("after"), (GenericRecord) envelope.get("source"),
                ts == null ? null : Instant.ofEpochMilli((Long) ts));
    }

    /** The table the change is in, from the source block. */
    public String table() {
        return source == null ? null : String.valueOf(source.get("table"));
    }
}
