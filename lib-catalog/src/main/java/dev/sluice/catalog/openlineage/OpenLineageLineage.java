package dev.sluice.catalog.openlineage;

import dev.sluice.api.Require;
import dev.sluice.catalog.AsyncSender;
import dev.sluice.catalog.Lineage;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import io.micrometer.core.instrument.MeterRegistry;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@link Lineage} as OpenLineage run events (Marquez, DataHub's OpenLineage endpoint, any
 * consumer), through an {@link OpenLineageClient} with the transport of your choice (HTTP, Kafka,
 * file) and an {@link AsyncSender} so the pipeline never waits for the lineage server.
 */
public final class OpenLineageLineage implements Lineage {

    private final OpenLineageEvents events;
    private final AsyncSender<OpenLineage.RunEvent> sender;

    public OpenLineageLineage(OpenLineageClient client, OpenLineageNaming naming, int queueCapacity, MeterRegistry meters) {
        Require.nonNull(client, "client");
        this.events = new OpenLineageEvents(naming, Clock.systemUTC());
        this.sender = new AsyncSender<>("openlineage", batch -> batch.forEach(client::emit), () -> close(client), queueCapacity, meters);
    }

    private static void close(OpenLineageClient client) {
        try {
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the OpenLineage client failed", e);
        }
    }

    @Override
    public void started(Run run) {
        sender.offer(List.of(events.started(run)));
    }

    @Override
    public void finished(Run run, Outcome outcome, Map<String, Long> counts) {
        sender.offer(List.of(events.finished(run, outcome, counts)));
    }

    public AsyncSender<OpenLineage.RunEvent> sender() {
        return sender;
    }

    @Override
    public void close() {
        sender.close();
    }
}
