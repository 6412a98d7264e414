package dev.sluice.batch;

import dev.sluice.api.codec.Codec;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rows of an Avro schema to Kafka values ({@code value} binary), encoded by a sluice-api {@link Codec}. */
final class KafkaEncode implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    static final StructType TYPE = DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
            DataTypes.createStructField("value", DataTypes.BinaryType, true)});

    private final String schema;
    private final Codec<GenericRecord> codec;

    KafkaEncode(Schema schema, Codec<GenericRecord> codec) {
        this.schema = schema.toString();
        this.codec = codec;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Schema s = new Schema.Parser().parse(schema);
        return new Iterator<>() {
            private int[] columns; // resolved at the first row: every row of a batch has its shape

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                if (columns == null) {
                    columns = RowAvro.columns(row, s);
                }
                return RowFactory.create((Object) codec.encode(RowAvro.toAvro(row, s, columns)));
            }
        };
    }
}
