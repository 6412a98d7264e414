package dev.sluice.examples.readme;

import dev.sluice.batch.BatchJob;
import dev.sluice.batch.BatchResult;
import dev.sluice.catalog.Lineage;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import dev.sluice.catalog.datahub.DataHubLineage;
import dev.sluice.catalog.datahub.DataHubRestConfig;
import dev.sluice.catalog.datahub.RestEmitter;
import dev.sluice.catalog.openlineage.OpenLineageLineage;
import dev.sluice.catalog.openlineage.OpenLineageNaming;
import io.micrometer.core.instrument.MeterRegistry;
import io.openlineage.client.OpenLineageClient;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** README, "Lineage and serving": a batch run reported to DataHub and OpenLineage. */
final class DailyClicksLineage {

    private DailyClicksLineage() {}

    static void run(BatchJob job, SparkSession spark, String gmsUrl, OpenLineageClient openLineageClient, MeterRegistry meters) {
        // snippet:start
        Lineage lineage = Lineage.all(
                new DataHubLineage(new RestEmitter(DataHubRestConfig.of(gmsUrl).withToken(System.getenv("DATAHUB_TOKEN"))), 10_000, meters),
                new OpenLineageLineage(openLineageClient, OpenLineageNaming.of("sluice").withNamespace("kafka", "kafka://broker:9092"), 10_000, meters));
        Run run = Run.start(job.graph(), false);    // false: a batch run, not a streaming one
        lineage.started(run);                       // datasets, schemas, flow, job, edges, the run
        BatchResult r = job.run(spark);
        lineage.finished(run, Outcome.SUCCESS, Map.of("records.in", r.in(), "records.out", r.out(), "records.dead_lettered", r.failed()));
        lineage.close();                            // sends what is still queued
        // snippet:end
    }
}
