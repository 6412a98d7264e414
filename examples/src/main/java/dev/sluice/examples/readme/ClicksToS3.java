package dev.sluice.examples.readme;

import dev.sluice.api.source.Source;
import dev.sluice.stream.StreamPipeline;
import dev.sluice.stream.s3.FileFormat;
import dev.sluice.stream.s3.Partitioning;
import dev.sluice.stream.s3.Rotation;
import dev.sluice.stream.s3.S3Connection;
import dev.sluice.stream.s3.S3Sink;
import dev.sluice.stream.s3.Tombstones;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;

/** README, "The S3 sink": a topic of generic records into a Parquet raw zone. */
final class ClicksToS3 {

    private ClicksToS3() {}

    static void run(Source<GenericRecord> source) {
        // snippet:start
        S3Sink<GenericRecord> raw = S3Sink.<GenericRecord>of(S3Connection.aws("eu-west-1"), "lake", "raw/")
                .withFormat(FileFormat.PARQUET)                                   // or AVRO
                .withPartitioning(Partitioning.daily().withFields("country"))    // country=DE/dt=2026-11-24/hr=07/
                .withRotation(Rotation.defaults().withMaxRecords(500_000).withIdleTimeout(Duration.ofMinutes(2)))
                .withTombstones(Tombstones.MARKER);                               // or SKIP (counted), POLICY
        StreamPipeline.builder("clicks-to-s3", source).to(raw).start();          // at-least-once runtime: see below
        // snippet:end
    }
}
