package dev.sluice.catalog.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEmitterTest {

    @Test
    void theFileIsOneArrayOfProposalsThatPassGmsChecks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lineage/datahub-proposals.json");
        List<Proposal> all = GraphProposalsTest.threeStage();
        try (FileEmitter emitter = new FileEmitter(file)) {
            emitter.emit(all.subList(0, 10));
            emitter.emit(all.subList(10, all.size()));
        }
        JsonNode array = Proposal.JSON.readTree(file.toFile());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(all.size());
        assertThat(array).isEqualTo(GraphProposalsTest.json(all));
        // Every element is exactly what GMS accepts in an ingestProposal call.
        List<String> problems = new ArrayList<>();
        try (FakeGms gms = new FakeGms("t"); RestEmitter rest = new RestEmitter(DataHubRestConfig.of(gms.url()).withToken("t"))) {
            rest.emit(all);
            problems.addAll(gms.violations);
            assertThat(gms.accepted).containsExactlyElementsOf(array);
        }
        assertThat(problems).isEmpty();
    }
}
