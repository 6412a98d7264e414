package dev.sluice.api.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.testing.Order;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineGraphTest {

    @Test
    void aSingleJobLinksEveryInputToEveryOutput() {
        LineageDataset in = LineageDataset.kafkaTopic("orders", Order.getClassSchema());
        LineageDataset clean = LineageDataset.kafkaTopic("orders-clean", Order.getClassSchema());
        LineageDataset dlq = LineageDataset.kafkaTopic("orders-dlq", null);
        PipelineGraph g = PipelineGraph.of("orders-cleaner", List.of(in), List.of(clean, dlq));
        assertThat(g.edges()).extracting(e -> e.output().name()).containsExactly("orders-clean", "orders-dlq");
        assertThat(g.datasets()).containsExactly(in, clean, dlq);
        assertThat(in.urn()).isEqualTo("urn:li:dataset:(urn:li:dataPlatform:kafka,orders,PROD)");
    }

    @Test
    void edgesMustConnectDeclaredDatasets() {
        LineageDataset a = LineageDataset.kafkaTopic("a", null);
        LineageDataset b = LineageDataset.kafkaTopic("b", null);
        assertThatThrownBy(() -> new PipelineGraph("p", List.of(a), List.of(), List.of(new PipelineGraph.Edge(a, b, "p"))))
                .hasMessageContaining("not among the graph's inputs and outputs");
        assertThatThrownBy(() -> new LineageDataset("Kafka!", "x", null)).hasMessageContaining("platform must be lower-case");
    }
}
