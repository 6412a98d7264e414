/**
 * The typed API shared by every Sluice runtime: {@link dev.sluice.core.Envelope},
 * {@link dev.sluice.core.Transform} and the {@link dev.sluice.core.TransformRunner} that drives it
 * in the Kafka hot path and inside Spark.
 */
package dev.sluice.core;
