package dev.sluice.ingest.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;

/**
 * The incremental key of a row, kept at full precision: the timestamp as epoch seconds plus
 * nanoseconds, the id as a number or text, or the rowversion as hex. Stored as JSON.
 */
record RowKey(Long seconds, Integer nanos, String id, boolean numericId, String rowVersion) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RowKey of(Incremental inc, ResultSet rs) throws SQLException {
        if (inc instanceof Incremental.RowVersion rv) {
            return new RowKey(null, null, null, false, HexFormat.of().formatHex(rs.getBytes(rv.column())));
        }
        Incremental.TimestampId t = (Incremental.TimestampId) inc;
        Timestamp ts = rs.getTimestamp(t.timestampColumn());
        Object id = rs.getObject(t.idColumn());
        boolean numeric = id instanceof Number;
        return new RowKey(Math.floorDiv(ts.getTime(), 1000), ts.getNanos(), String.valueOf(id), numeric, null);
    }

    /** Binds this key to the {@code ?}s of {@link Incremental#after()}. */
    void bind(PreparedStatement st) throws SQLException {
        if (rowVersion != null) {
            st.setBytes(1, HexFormat.of().parseHex(rowVersion));
            return;
        }
        Timestamp ts = new Timestamp(seconds * 1000);
        ts.setNanos(nanos);
        st.setTimestamp(1, ts);
        st.setTimestamp(2, ts);
        if (numericId) {
            st.setLong(3, Long.parseLong(id));
        } else {
            st.setString(3, id);
        }
    }

    String describe() {
        if (rowVersion != null) {
            return "rowversion 0x" + rowVersion;
        }
        Timestamp ts = new Timestamp(seconds * 1000);
        ts.setNanos(nanos);
        return ts + " id " + id;
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row key is plain JSON", e);
        }
    }

    static RowKey fromJson(String source, String json) {
        try {
            return JSON.readValue(json, RowKey.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JDBC source " + source + ": stored state is not readable (" + e.getOriginalMessage()
                    + "); delete its key from the state topic to start over", e);
        }
    }
}
