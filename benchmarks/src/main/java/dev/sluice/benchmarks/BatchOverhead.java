package dev.sluice.benchmarks;

import dev.sluice.batch.BatchJob;
import dev.sluice.batch.SqlTransform;
import dev.sluice.core.Emitter;
import dev.sluice.core.Envelope;
import dev.sluice.core.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * rounds after a warm-up round; both outputs are compared row for row.
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

    /** Drops every 50th id (test traffic), derives cents and the UTC date: record by record. */
    static final class Derive implements Transform<GenericRecord, GenericRecord> {
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
            d.put("dt", java.time.LocalDate.ofEpochDay(Math.floorDiv((Long) c.get("ts"), 86_400_000_000L)).toString());
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
            BatchJob job = BatchJob.of("batch-overhead", input, IN, new Derive(), OUT, sluiceOut, List.of("dt"), dir.resolve("errors").toUri().toString())
                    .withSql(SqlTransform.of(GROUP));
            List<Double> peer = new ArrayList<>();
            List<Double> sluice = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                double p = seconds(() -> spark.read().parquet(input).where("id % 50 != 0")
                        .selectExpr("country", "CAST(round(amount * 100) AS BIGINT) AS cents", "date_format(ts, 'yyyy-MM-dd') AS dt")
                        .createOrReplaceTempView("records"));
                p += seconds(() -> spark.sql(GROUP).write().mode("overwrite").partitionBy("dt").parquet(peerOut));
                double s = seconds(() -> job.run(spark));
                System.out.printf("batch-overhead round %d%s: %,d rows: plain Spark SQL %.2f s (%,.0f rows/s), Sluice BatchJob %.2f s (%,.0f rows/s)%n",
                        round, round == 0 ? " (warm-up)" : "", rows, p, rows / p, s, rows / s);
                if (round > 0) {
                    peer.add(rows / p);
                    sluice.add(rows / s);
                }
            }
            List<Row> b = spark.read().parquet(sluiceOut).select("clicks", "cents", "dt", "country").orderBy("dt", "country").collectAsList();
            List<Row> aa = spark.read().parquet(peerOut).select("clicks", "cents", "dt", "country").orderBy("dt", "country").collectAsList();
            if (!aa.toString().equals(b.toString()) || b.isEmpty()) {
                throw new IllegalStateException("the two outputs differ:\n" + aa + "\n" + b);
            }
            System.out.printf("check: both outputs have the same %d rows (dt, country, clicks, cents)%n", b.size());
            Results.print("batch-overhead", median(sluice), median(peer));
        } finally {
            spark.stop();
        }
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
