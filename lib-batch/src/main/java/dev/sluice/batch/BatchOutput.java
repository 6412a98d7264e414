package dev.sluice.batch;

import dev.sluice.api.Require;
import java.util.List;

/**
 * Where a {@link BatchJob} writes, and how a rerun replaces what an earlier run wrote. Both kinds
 * replace exactly the partitions a run writes and leave the others.
 */
public sealed interface BatchOutput permits BatchOutput.ParquetFiles, BatchOutput.IcebergTable {

    /** Output columns that partition the table; empty for none. */
    List<String> partitionBy();

    /**
     * Hive-layout Parquet files ({@code col=value/} directories) under {@code path}. On
     * {@code s3a://} with {@link S3Lake}'s settings the S3A partitioned committer publishes each
     * partition when the job commits; elsewhere Spark's dynamic partition overwrite does the same.
     */
    static ParquetFiles parquet(String path, String... partitionBy) {
        return new ParquetFiles(path, List.of(partitionBy));
    }

    /**
     * The Iceberg table {@code table} ({@code <catalog>.<db>.<table>}, see {@link IcebergCatalog}):
     * created on the first run, partitioned by {@code partitionBy}; each run replaces its
     * partitions in one snapshot.
     */
    static IcebergTable iceberg(String table, String... partitionBy) {
        return new IcebergTable(table, List.of(partitionBy));
    }

    /** Parquet files under a path; see {@link BatchOutput#parquet}. */
    record ParquetFiles(String path, List<String> partitionBy) implements BatchOutput {
        public ParquetFiles {
            Require.nonBlank(path, "path");
            partitionBy = List.copyOf(Require.nonNull(partitionBy, "partitionBy"));
        }
    }

    /** An Iceberg table; see {@link BatchOutput#iceberg}. */
    record IcebergTable(String table, List<String> partitionBy) implements BatchOutput {
        public IcebergTable {
            Require.nonBlank(table, "table");
            partitionBy = List.copyOf(Require.nonNull(partitionBy, "partitionBy"));
        }
    }
}
