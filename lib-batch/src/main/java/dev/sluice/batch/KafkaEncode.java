package dev.sluice.batch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.sluice.api.codec.Codec;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of an Avro schema to Kafka records: the {@code value} encoded by a sluice-api {@link Codec};
 * the {@code key}, when key columns are given, the JSON array of their values as UTF-8 text
 * ({@code ["2026-12-03T10:01:00Z","products","FR"]}: timestamps as ISO-8601 instants), so equal
 * keys are equal bytes (what a compacted topic, a Pinot upsert table and a document id need) and a
 * person reads them; no key columns, no key.
 */
final class KafkaEncode implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    static final StructType TYPE = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("key", DataTypes.BinaryType, true),
            DataTypes.createStructField("value", DataTypes.BinaryType, true)});

    private final String schema;
    private final Codec<GenericRecord> codec;
    private final List<String> keyColumns;

    KafkaEncode(Schema schema, Codec<GenericRecord> codec) {
        this(schema, codec, List.of());
    }

    KafkaEncode(Schema schema, Codec<GenericRecord> codec, List<String> keyColumns) {
        this.schema = schema.toString();
        this.codec = codec;
        this.keyColumns = List.copyOf(keyColumns);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Schema s = new Schema.Parser().parse(schema);
        return new Iterator<>() {
            private int[] columns; // resolved at the first row: every row of a batch has its shape
            private int[] keys;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                if (columns == null) {
                    columns = RowAvro.columns(row, s);
                    keys = keyColumns.stream().mapToInt(row::fieldIndex).toArray();
                }
                byte[] value = codec.encode(RowAvro.toAvro(row, s, columns));
                return RowFactory.create(keys.length == 0 ? null : key(row, keys), value);
            }
        };
    }

    static byte[] key(Row row, int[] keys) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < keys.length; i++) {
            Object v = row.get(keys[i]);
            if (i > 0) {
                json.append(',');
            }
            if (v == null) {
                json.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                json.append(v);
            } else {
                String text = v instanceof Timestamp t ? t.toInstant().toString() : v.toString();
                json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
            }
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
