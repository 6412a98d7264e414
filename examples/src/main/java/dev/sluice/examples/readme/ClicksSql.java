package dev.sluice.examples.readme;

import dev.sluice.batch.SqlScript;
import dev.sluice.batch.SqlStream;
import dev.sluice.batch.StreamingSql;
import dev.sluice.batch.StreamingSqlRun;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.formats.SchemaRegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/** README, "Streaming SQL": the queries of clicks.sql over the enriched clicks' topic. */
final class ClicksSql {

    private ClicksSql() {}

    static void run(SchemaRegistryClient registry, SparkSession spark) throws IOException, StreamingQueryException {
        // snippet:start
        SqlStream clicks = SqlStream.of("clicks_clean", "clicks-clean",
                        ConfluentAvroCodec.generic(registry, "clicks-clean-value", EnrichedClick.getClassSchema()), EnrichedClick.getClassSchema())
                .withEventTime("timestamp", Duration.ofMinutes(1));
        StreamingSql job = StreamingSql.of("streaming-sql", "kafka:9092", List.of(clicks), SqlScript.read(Path.of("clicks.sql")),
                (topic, schema) -> ConfluentAvroCodec.generic(registry, topic + "-value", schema),
                "s3a://lake/checkpoints/streaming-sql", "clicks-dlq");
        try (StreamingSqlRun run = job.start(spark, Trigger.ProcessingTime("1 second"))) {
            run.query("clicks_per_minute").awaitTermination();
        }
        // snippet:end
    }
}
