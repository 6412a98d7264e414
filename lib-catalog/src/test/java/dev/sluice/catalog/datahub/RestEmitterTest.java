package dev.sluice.catalog.datahub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.catalog.AsyncSender;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import dev.sluice.catalog.ThreeStagePipeline;
import dev.sluice.embedded.Ports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The REST emitter against {@link FakeGms}, which holds each request to GMS's documented protocol. */
class RestEmitterTest {

    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.sluice-test-token";

    @Test
    void sendsEveryProposalAsTheDocumentedRequestWithTheToken() throws Exception {
        List<Proposal> proposals = GraphProposalsTest.threeStage();
        try (FakeGms gms = new FakeGms(TOKEN);
             RestEmitter emitter = new RestEmitter(DataHubRestConfig.of(gms.url()).withToken(TOKEN))) {
            emitter.emit(proposals);
            assertThat(gms.violations).isEmpty();
            assertThat(gms.accepted).containsExactlyElementsOf(GraphProposalsTest.json(proposals));
        }
    }

    @Test
    void retriesA503UntilGmsTakesTheProposal() throws Exception {
        List<Proposal> proposals = GraphProposalsTest.threeStage().subList(0, 3);
        try (FakeGms gms = new FakeGms(TOKEN);
             RestEmitter emitter = new RestEmitter(DataHubRestConfig.of(gms.url()).withToken(TOKEN).withRetries(4, Duration.ofMillis(10)))) {
            gms.scripted.add(503);
            gms.scripted.add(503);
            emitter.emit(proposals);
            assertThat(gms.accepted).containsExactlyElementsOf(GraphProposalsTest.json(proposals));
            assertThat(gms.requests).isEqualTo(proposals.size() + 2);
        }
    }

    @Test
    void aRefusalIsNotRetriedAndCarriesGmsMessage() throws Exception {
        try (FakeGms gms = new FakeGms("another-token");
             RestEmitter emitter = new RestEmitter(DataHubRestConfig.of(gms.url()).withToken(TOKEN).withRetries(4, Duration.ofMillis(10)))) {
            assertThatThrownBy(() -> emitter.emit(GraphProposalsTest.threeStage()))
                    .isInstanceOf(ProposalEmitter.EmitException.class)
                    .hasMessageContaining("HTTP 400")
                    .hasMessageContaining("bearer token")
                    .hasMessageContaining("schemaMetadata of urn:li:dataset:(urn:li:dataPlatform:http,ingest.clicks,PROD)");
            assertThat(gms.requests).isEqualTo(1);
        }
    }

    @Test
    void withGmsDownThePipelineGoesOnAndEveryLostProposalIsCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // Nothing listens on this port: every request fails at connect.
        RestEmitter emitter = new RestEmitter(DataHubRestConfig.of("http://127.0.0.1:" + Ports.free()).withRetries(2, Duration.ofMillis(5)));
        AsyncSender<Proposal> sender = new AsyncSender<>("datahub", emitter::emit, emitter::close, 1_000, meters);
        DataHubLineage lineage = new DataHubLineage(sender, new GraphProposals("PROD", Clock.systemUTC()), Clock.systemUTC());
        Run run = Run.start(ThreeStagePipeline.STREAM, true);

        lineage.started(run);
        lineage.finished(run, Outcome.SUCCESS, Map.of("records.in", 5L));
        lineage.close();

        int offered = new GraphProposals("PROD", Clock.systemUTC()).of(ThreeStagePipeline.STREAM).size() + 5 + 2;
        assertThat(sender.sentCount()).isZero();
        assertThat(sender.droppedCount()).isEqualTo(offered);
        assertThat(meters.get("sluice.catalog.items").tags("target", "datahub", "outcome", "dropped_failed").counter().count())
                .isEqualTo(offered);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CountDownLatch release = new CountDownLatch(1);
        AsyncSender<Proposal> sender = new AsyncSender<>("datahub", batch -> await(release), () -> { }, 3, meters);
        List<Proposal> ten = GraphProposalsTest.threeStage().subList(0, 10);
        sender.offer(ten);
        release.countDown();
        sender.close(Duration.ofSeconds(5));
        assertThat(sender.sentCount() + sender.droppedCount()).isEqualTo(10);
        assertThat(meters.get("sluice.catalog.items").tags("target", "datahub", "outcome", "dropped_queue_full").counter().count())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void theTokenNeverAppearsInTheConfigsString() {
        assertThat(DataHubRestConfig.of("http://gms:8080").withToken(TOKEN).toString()).doesNotContain(TOKEN).contains("****");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
