package dev.sluice.benchmarks;

import dev.sluice.batch.SparkInternalRows;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.avro.AvroDeserializer;
import org.apache.spark.sql.avro.AvroSerializer;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The batch-overhead job with no Sluice in it: the same plan around the same record function
 * ({@link BatchOverhead.Derive#derive}), the rows turned into Avro records and back by Spark's own
 * converters (as {@code to_avro}/{@code from_avro} do), but no runner, envelopes, error policy,
 * error file or counters. What it loses against plain SQL is the price of handing Avro records to
 * Java code inside Spark at all; what the BatchJob loses against it is Sluice's own.
 */
final class AvroFloor {

    private AvroFloor() {}

    static void run(SparkSession spark, String input, String group, String output) {
        StructType inType = sqlType(BatchOverhead.IN);
        Column[] columns = Arrays.stream(inType.fields()).map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name())).toArray(Column[]::new);
        Dataset<Row> in = spark.read().parquet(input).select(columns);
        var rows = SparkInternalRows.of(in).mapPartitions(new Derived(BatchOverhead.IN.toString(), BatchOverhead.OUT.toString()));
        SparkInternalRows.toDataFrame(spark, rows, sqlType(BatchOverhead.OUT)).createOrReplaceTempView("records");
        spark.sql(group).write().mode("overwrite").partitionBy("dt").parquet(output);
    }

    static StructType sqlType(Schema schema) {
        return (StructType) SchemaConverters.toSqlType(schema).dataType();
    }

    /** Internal row to Avro record, the function, Avro record to internal row: lazily, one row at a time. */
    record Derived(String inSchema, String outSchema) implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
        @Override
        public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
            Schema in = new Schema.Parser().parse(inSchema);
            Schema out = new Schema.Parser().parse(outSchema);
            AvroSerializer toAvro = new AvroSerializer(sqlType(in), in, false);
            AvroDeserializer toRow = new AvroDeserializer(out, sqlType(out), "CORRECTED", false, "", -1);
            return new Iterator<>() {
                private GenericRecord next;

                @Override
                public boolean hasNext() {
                    while (next == null && rows.hasNext()) {
                        next = BatchOverhead.Derive.derive((GenericRecord) toAvro.serialize(rows.next()));
                    }
                    return next != null;
                }

                @Override
                public InternalRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    GenericRecord r = next;
                    next = null;
                    return (InternalRow) toRow.deserialize(r).get();
                }
            };
        }
    }
}
