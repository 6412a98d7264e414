package dev.sluice.benchmarks;

import dev.sluice.api.Emitter;
import dev.sluice.api.Envelope;
import dev.sluice.api.Transform;
import dev.sluice.batch.BatchInput;
import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchOutput;
import dev.sluice.batch.SqlTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The same daily aggregation two ways, on the same Parquet input, in one Spark session (local[2]):
 * plain Spark SQL (filter, derive, group, write partitioned Parquet), and a Sluice {@link BatchJob}
 * whose {@link Transform} filters and derives record by record (the classes the stream runtime
 * runs) followed by the same GROUP BY as a {@link SqlTransform}. Rows/s of input, median of the
 * rounds after a warm-up round, the two taking turns to go first; both outputs are compared row
 * for row.
 */
final class BatchOverhead {

    static final Schema IN = new Schema.Parser().parse("""
            {"type":"record","name":"Click","namespace":"dev.sluice.benchmarks.batch","fields":[
              {"name":"id","type":"long"},{"name":"country","type":"string"},{"name":"amount","type":"double"},
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}}]}""");
    static final Schema OUT = new Schema.Parser().parse("""
            {"type":"record","name":"Derived","namespace":"dev.sluice.benchmarks.batch","fields":[
              {"name":"country","type":"string"},{"name":"cents","type":"long"},{"name":"dt","type":"string"}]}""");
    private static final String GROUP = "SELECT dt, country, count(*) AS clicks, sum(cents) AS cents FROM records GROUP BY dt, country";

    private BatchOverhead() {}

    /**
     * Drops every 50th id (test traffic), derives cents and the UTC date: record by record. Fields
     * are looked up by name once, as Spark's analyzer resolves the SQL's columns once; the country
     * passes through as read, as the SQL passes its column.
     */
    static final class Derive implements Transform<GenericRecord, GenericRecord> {
        private static final long serialVersionUID = 1L;
        private static final int ID = IN.getField("id").pos();
        private static final int COUNTRY = IN.getField("country").pos();
        private static final int AMOUNT = IN.getField("amount").pos();
        private static final int TS = IN.getField("ts").pos();
        private static final int OUT_COUNTRY = OUT.getField("country").pos();
        private static final int OUT_CENTS = OUT.getField("cents").pos();
        private static final int OUT_DT = OUT.getField("dt").pos();

        @Override
        public void apply(Envelope<GenericRecord> in, Emitter<GenericRecord> out) {
            GenericRecord d = derive(in.value());
            if (d != null) {
                out.emit(in.withValue(d));
            }
        }

        /** The transform's logic as a plain function (also run without Sluice, by {@link AvroFloor}); null drops the record. */
        static GenericRecord derive(GenericRecord c) {
            if ((Long) c.get(ID) % 50 == 0) {
                return null;
            }
            GenericRecord d = new GenericData.Record(OUT);
            d.put(OUT_COUNTRY, c.get(COUNTRY));
            d.put(OUT_CENTS, Math.round((Double) c.get(AMOUNT) * 100));
            d.put(OUT_DT, LocalDate.ofEpochDay(Math.floorDiv((Long) c.get(TS), 86_400_000_000L)).toString());
            return d;
        }
    }

    /** The same transform written with a name lookup per field and record, and the country decoded and re-encoded: for comparison. */
    static final class DeriveByName implements Transform<GenericRecord, GenericRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void apply(Envelope<GenericRecord> in, Emitter<GenericRecord> out) {
            GenericRecord c = in.value();
            if ((Long) c.get("id") % 50 == 0) {
                return;
            }
            GenericRecord d = new GenericData.Record(OUT);
            d.put("country", c.get("country").toString());
            d.put("cents", Math.round((Double) c.get("amount") * 100));
            d.put("dt", LocalDate.ofEpochDay(Math.floorDiv((Long) c.get("ts"), 86_400_000_000L)).toString());
            out.emit(in.withValue(d));
        }
    }

    static void run(long rows, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("bench-batch");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("batch-overhead").config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            String input = dir.resolve("input").toUri().toString();
            spark.range(0, rows, 1, 4).selectExpr("id", "element_at(array('DE','US','FR','IN'), CAST(id % 4 + 1 AS INT)) AS country",
                    "CAST((id % 1000) * 0.25 AS DOUBLE) AS amount", "timestamp_seconds(1795478400 + (id % 3) * 86400 + id % 86400) AS ts")
                    .write().mode("overwrite").parquet(input);
            String peerOut = dir.resolve("peer").toUri().toString();
            String sluiceOut = dir.resolve("sluice").toUri().toString();
            BatchJob job = BatchJob.of("batch-overhead", BatchInput.parquet(input), IN, new Derive(), OUT, BatchOutput.parquet(sluiceOut, "dt"), dir.resolve("errors").toUri().toString())
                    .withSql(SqlTransform.of(GROUP));
            String byNameOut = dir.resolve("by-name").toUri().toString();
            BatchJob byName = BatchJob.of("batch-overhead-by-name", BatchInput.parquet(input), IN, new DeriveByName(), OUT, BatchOutput.parquet(byNameOut, "dt"),
                    dir.resolve("errors-by-name").toUri().toString()).withSql(SqlTransform.of(GROUP));
            List<Double> peer = new ArrayList<>();
            List<Double> sluice = new ArrayList<>();
            List<Double> sluiceByName = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            String floorOut = dir.resolve("floor").toUri().toString();
            for (int round = 0; round <= rounds; round++) {
                Runnable plain = () -> {
                    spark.read().parquet(input).where("id % 50 != 0")
                            .selectExpr("country", "CAST(round(amount * 100) AS BIGINT) AS cents", "date_format(ts, 'yyyy-MM-dd') AS dt")
                            .createOrReplaceTempView("records");
                    spark.sql(GROUP).write().mode("overwrite").partitionBy("dt").parquet(peerOut);
                };
                // The order alternates: the second of two back-to-back jobs inherits the first's garbage and JIT state.
                double p;
                double s;
                double f;
                if (round % 2 == 0) {
                    p = Results.seconds(plain);
                    f = Results.seconds(() -> AvroFloor.run(spark, input, GROUP, floorOut));
                    s = Results.seconds(() -> job.run(spark));
                } else {
                    s = Results.seconds(() -> job.run(spark));
                    f = Results.seconds(() -> AvroFloor.run(spark, input, GROUP, floorOut));
                    p = Results.seconds(plain);
                }
                double n = Results.seconds(() -> byName.run(spark));
                System.out.printf("batch-overhead round %d%s: %,d rows: plain Spark SQL %.2f s (%,.0f rows/s), Sluice BatchJob %.2f s (%,.0f rows/s),"
                        + " no-Sluice Avro floor %.2f s (%,.0f rows/s), by-name transform %.2f s (%,.0f rows/s)%n",
                        round, round == 0 ? " (warm-up)" : "", rows, p, rows / p, s, rows / s, f, rows / f, n, rows / n);
                if (round > 0) {
                    peer.add(rows / p);
                    sluice.add(rows / s);
                    floor.add(rows / f);
                    sluiceByName.add(rows / n);
                }
            }
            List<Row> expected = aggregates(spark, peerOut);
            for (String other : List.of(sluiceOut, floorOut, byNameOut)) {
                if (expected.isEmpty() || !expected.toString().equals(aggregates(spark, other).toString())) {
                    throw new IllegalStateException("the outputs differ:\n" + expected + "\n" + aggregates(spark, other));
                }
            }
            System.out.printf("check: the four outputs have the same %d rows (dt, country, clicks, cents)%n", expected.size());
            double peerRate = Results.median(peer);
            double sluiceRate = Results.median(sluice);
            double floorRate = Results.median(floor);
            double byNameRate = Results.median(sluiceByName);
            System.out.printf("batch-overhead-floor (insight): no Sluice, Spark's Avro converters around the same function %,.0f rows/s, ratio %.2f;"
                    + " the BatchJob is %.2f of it%n", floorRate, floorRate / peerRate, sluiceRate / floorRate);
            System.out.printf("batch-overhead-by-name (insight): Sluice BatchJob with the by-name transform %,.0f rows/s, ratio %.2f%n",
                    byNameRate, byNameRate / peerRate);
            Results.print("batch-overhead", sluiceRate, peerRate);
        } finally {
            spark.stop();
        }
    }

    private static List<Row> aggregates(SparkSession spark, String path) {
        return spark.read().parquet(path).select("clicks", "cents", "dt", "country").orderBy("dt", "country").collectAsList();
    }
}
