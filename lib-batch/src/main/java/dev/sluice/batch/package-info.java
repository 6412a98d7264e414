/** Spark batch and Structured Streaming jobs over the same Transforms. Arrives with its own issue. */
package dev.sluice.batch;
