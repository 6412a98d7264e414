/**
 * Spark batch jobs over the same {@link dev.sluice.api.Transform}s the stream runtime runs:
 * {@link dev.sluice.batch.BatchJob} reads a lake table, applies the transforms partition by
 * partition through {@link dev.sluice.api.TransformRunner#processPartition}, and writes
 * Hive-layout Parquet with an S3A committer, failures to an errors table.
 */
package dev.sluice.batch;
