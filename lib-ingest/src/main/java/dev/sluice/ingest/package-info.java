/** Edges into Kafka: HTTP /ingest, REST API poller, JDBC incremental and CDC sources. Arrives with its own issue. */
package dev.sluice.ingest;
