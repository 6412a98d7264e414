package dev.sluice.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.sluice.api.Require;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the many small files of one partition of a Hive-layout table (the S3 sink's output, for
 * example) into a few large Parquet files, keeping every row once.
 *
 * <p>How it stays whole: the partition is read in full by the job's tasks, and the S3A partitioned
 * committer in {@code replace} mode (see {@link S3Lake}) deletes the partition's old files and
 * completes the uploads of the new ones only when the job commits, after every task succeeded. A
 * job that fails leaves the old files untouched. The swap itself is not one atomic S3 operation: a
 * reader listing the partition during the commit (milliseconds to seconds) may see it empty or
 * with only part of the new files; schedule compaction away from readers of that partition or
 * read through a table format (Iceberg) for snapshot isolation.
 *
 * @param table     the table's root, for example {@code s3a://lake/raw/clicks}
 * @param format    the files' format, {@code parquet} or {@code avro}; the compacted files keep it
 * @param partition the partition to compact, column to value, in the order of the table's directories (a
 *                  {@code LinkedHashMap}: {@code Map.of} has no order), for example {@code dt=2026-11-24, hr=07}
 * @param files     how many files to write
 */
public record Compaction(String table, String format, Map<String, String> partition, int files) {

    private static final Logger log = LoggerFactory.getLogger(Compaction.class);

    public Compaction {
        Require.nonBlank(table, "table");
        if (!List.of("parquet", "avro").contains(format)) {
            throw new IllegalArgumentException("format must be parquet or avro, got " + format);
        }
        partition = new LinkedHashMap<>(Require.nonNull(partition, "partition"));
        if (partition.isEmpty()) {
            throw new IllegalArgumentException("partition: name the partition to compact (column=value)");
        }
        Require.atLeast(files, 1, "files");
        if (!table.startsWith("s3a://")) {
            throw new IllegalArgumentException("compaction needs an s3a:// table and S3Lake's committer (it replaces the partition at commit), got " + table);
        }
    }

    /** Compacts and answers the rows rewritten (equal to the rows read: the job fails otherwise). */
    public long run(SparkSession spark) {
        long t0 = System.nanoTime();
        Column where = lit(true);
        for (Map.Entry<String, String> p : partition.entrySet()) {
            where = where.and(col(p.getKey()).cast("string").equalTo(p.getValue()));
        }
        // mergeSchema: the S3 sink's files of one partition may carry several compatible schema versions.
        Dataset<Row> rows = spark.read().format(format).option("basePath", table).option("mergeSchema", "true").load(table).where(where);
        long before = rows.count();
        rows.repartition(files).write().mode(SaveMode.Append).format(format).partitionBy(partition.keySet().toArray(String[]::new)).save(table);
        long after = spark.read().format(format).option("basePath", table).load(table).where(where).count();
        if (after != before) {
            throw new IllegalStateException("compaction of " + table + " " + partition + " read " + before + " rows but the partition now has "
                    + after + "; check the committer settings (S3Lake): without replace mode the old files stay");
        }
        log.info("compacted {} {}: {} rows into {} file(s) in {} ms", table, partition, after, files, (System.nanoTime() - t0) / 1_000_000);
        return after;
    }
}
