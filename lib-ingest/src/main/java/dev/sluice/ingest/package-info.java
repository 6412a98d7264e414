/**
 * Edges into Kafka. {@link dev.sluice.ingest.http.IngestServer} takes records over HTTP and
 * answers only after Kafka acknowledged them; the REST API, JDBC and CDC sources follow.
 */
package dev.sluice.ingest;
