package dev.sluice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Transform;
import dev.sluice.api.graph.PipelineGraph;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class BatchJobGraphTest {

    static final Schema S = SchemaBuilder.record("R").fields().requiredString("dt").endRecord();

    @Test
    void aJobsGraphNamesItsLakeLocationsAsLineageDatasets() {
        BatchJob job = BatchJob.of("clicks-daily", BatchInput.parquet("s3a://lake/raw/clicks/"), S, Transform.map(r -> r), S,
                BatchOutput.iceberg("lake.curated.clicks_daily", "dt"), "file:///tmp/errors");
        PipelineGraph g = job.graph();
        assertThat(g.name()).isEqualTo("clicks-daily");
        assertThat(g.inputs()).extracting(d -> d.platform() + ":" + d.name()).containsExactly("s3:lake/raw/clicks");
        assertThat(g.outputs()).extracting(d -> d.platform() + ":" + d.name()).containsExactly("iceberg:curated.clicks_daily", "file:/tmp/errors");
        assertThat(g.edges()).hasSize(2);
        assertThat(g.inputs().get(0).schema()).isEqualTo(S);
    }
}
