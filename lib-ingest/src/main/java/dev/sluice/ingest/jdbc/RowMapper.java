package dev.sluice.ingest.jdbc;

import dev.sluice.api.error.DataException;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads the current row into an Avro record: each schema field from the column of the same name
 * (case-insensitive). Timestamps become {@code timestamp-millis}, {@code -micros} or {@code -nanos}
 * as the field says, at the precision JDBC delivers; decimals keep the field's scale. A value that
 * does not fit throws {@link DataException} naming the column.
 */
final class RowMapper {

    private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();

    private final Schema schema;
    private final int[] columns;

    RowMapper(Schema schema, ResultSetMetaData meta, String table) throws SQLException {
        this.schema = schema;
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            byName.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
        }
        columns = new int[schema.getFields().size()];
        for (Schema.Field f : schema.getFields()) {
            Integer c = byName.get(f.name().toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new IllegalArgumentException("table " + table + " has no column for field '" + f.name() + "'; columns: " + byName.keySet());
            }
            columns[f.pos()] = c;
        }
    }

    GenericRecord map(ResultSet rs) throws SQLException {
        GenericRecord r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            r.put(f.pos(), value(rs, columns[f.pos()], f));
        }
        return r;
    }

    /** The row as {@code column=value} text: the raw bytes of a dead letter. */
    static String describe(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            sb.append(i > 1 ? ", " : "").append(meta.getColumnLabel(i)).append('=').append(rs.getString(i));
        }
        return sb.toString();
    }

    private static Object value(ResultSet rs, int col, Schema.Field f) throws SQLException {
        Schema s = f.schema();
        boolean nullable = false;
        if (s.getType() == Schema.Type.UNION) {
            nullable = s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
            s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        if (rs.getObject(col) == null) {
            if (!nullable) {
                throw new DataException("column " + rs.getMetaData().getColumnLabel(col) + " is NULL but field '" + f.name() + "' is not nullable");
            }
            return null;
        }
        LogicalType lt = s.getLogicalType();
        try {
            return switch (s.getType()) {
                case STRING -> rs.getString(col);
                case BOOLEAN -> rs.getBoolean(col);
                case INT -> lt instanceof LogicalTypes.Date ? (int) rs.getDate(col).toLocalDate().toEpochDay() : rs.getInt(col);
                case LONG -> lt == null ? rs.getLong(col) : time(rs.getTimestamp(col), lt, f);
                case FLOAT -> rs.getFloat(col);
                case DOUBLE -> rs.getDouble(col);
                case BYTES -> lt instanceof LogicalTypes.Decimal d
                        ? DECIMAL.toBytes(rs.getBigDecimal(col).setScale(d.getScale(), RoundingMode.UNNECESSARY), s, d)
                        : ByteBuffer.wrap(rs.getBytes(col));
                case ENUM -> new GenericData.EnumSymbol(s, rs.getString(col));
                default -> throw new DataException("field '" + f.name() + "': Avro type " + s.getType() + " is not read from JDBC columns");
            };
        } catch (ArithmeticException e) {
            throw new DataException("column " + rs.getMetaData().getColumnLabel(col) + ": " + rs.getBigDecimal(col)
                    + " has more decimals than field '" + f.name() + "' keeps", e);
        } catch (SQLException e) {
            throw new DataException("column " + rs.getMetaData().getColumnLabel(col) + " does not read as " + s.getType() + ": " + e.getMessage(), e);
        }
    }

    private static long time(Timestamp ts, LogicalType lt, Schema.Field f) {
        long seconds = Math.floorDiv(ts.getTime(), 1000);
        long nanos = ts.getNanos();
        return switch (lt.getName()) {
            case "timestamp-millis", "local-timestamp-millis" -> seconds * 1_000 + nanos / 1_000_000;
            case "timestamp-micros", "local-timestamp-micros" -> seconds * 1_000_000 + nanos / 1_000;
            case "timestamp-nanos", "local-timestamp-nanos" -> seconds * 1_000_000_000 + nanos;
            default -> throw new DataException("field '" + f.name() + "': logical type " + lt.getName() + " is not read from JDBC columns");
        };
    }
}
