/**
 * The typed API shared by every Sluice runtime: {@link dev.sluice.api.Envelope},
 * {@link dev.sluice.api.Transform} and the {@link dev.sluice.api.TransformRunner} that drives it
 * in the Kafka hot path and inside Spark.
 */
package dev.sluice.api;
