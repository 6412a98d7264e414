/** The consumer-group runtime (hot path) with delivery guarantees, and the S3 sink. Arrives with its own issue. */
package dev.sluice.stream;
