package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.ServiceExtension;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 200 small files of one partition become 2, every row once, the other partition untouched; read back with parquet-avro. */
class CompactionIT {

    @RegisterExtension
    static final ServiceExtension<SparkLake> LAKE = ServiceExtension.of("spark-lake", SparkLake::start);

    @Test
    void twoHundredSmallFilesBecomeTwoWithEveryRowOnce() throws Exception {
        SparkSession spark = LAKE.get().spark;
        spark.range(0, 50_000, 1, 200).selectExpr("id", "concat('u-', id % 997) AS user", "'2026-11-24' AS dt")
                .write().mode("append").partitionBy("dt").parquet("s3a://lake/raw/events");
        spark.range(50_000, 50_100, 1, 5).selectExpr("id", "concat('u-', id % 997) AS user", "'2026-11-25' AS dt")
                .write().mode("append").partitionBy("dt").parquet("s3a://lake/raw/events");
        List<LakeFiles.Part> before = LakeFiles.read(LAKE.get().s3, "lake", "raw/events/");
        assertThat(before.stream().filter(p -> p.dt().equals("2026-11-24"))).hasSize(200);

        long rows = new Compaction("s3a://lake/raw/events", "parquet", Map.of("dt", "2026-11-24"), 2).run(spark);

        assertThat(rows).isEqualTo(50_000);
        List<LakeFiles.Part> after = LakeFiles.read(LAKE.get().s3, "lake", "raw/events/");
        List<LakeFiles.Part> compacted = after.stream().filter(p -> p.dt().equals("2026-11-24")).toList();
        assertThat(compacted).hasSize(2);
        List<Long> ids = compacted.stream().flatMap(p -> p.rows().stream()).map(r -> (Long) r.get("id")).sorted().toList();
        assertThat(ids).hasSize(50_000).doesNotHaveDuplicates().first().isEqualTo(0L);
        assertThat(ids.get(ids.size() - 1)).isEqualTo(49_999L);
        assertThat(after.stream().filter(p -> p.dt().equals("2026-11-25")).map(LakeFiles.Part::key).toList())
                .isEqualTo(before.stream().filter(p -> p.dt().equals("2026-11-25")).map(LakeFiles.Part::key).toList());
    }
}
