package dev.sluice.catalog.openlineage;

import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.catalog.AvroTypes;
import dev.sluice.catalog.Outcome;
import dev.sluice.catalog.Run;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The facts {@link dev.sluice.catalog.datahub.DataHubLineage} sends, as OpenLineage run events:
 * START with the run's inputs and outputs and their schema facets, then COMPLETE (outputs carry
 * {@code outputStatistics.rowCount} = {@code records.out}) or FAIL.
 */
public final class OpenLineageEvents {

    static final URI PRODUCER = URI.create("https://github.com/sluice-dev/sluice");
    private static final URI SCHEMA_URL = URI.create("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");

    private final OpenLineage ol = new OpenLineage(PRODUCER);
    private final OpenLineageNaming naming;
    private final Clock clock;

    public OpenLineageEvents(OpenLineageNaming naming, Clock clock) {
        this.naming = Require.nonNull(naming, "naming");
        this.clock = Require.nonNull(clock, "clock");
    }

    public OpenLineage.RunEvent started(Run run) {
        return event(run, OpenLineage.RunEvent.EventType.START, ol.newRunFacetsBuilder().build(), null);
    }

    public OpenLineage.RunEvent finished(Run run, Outcome outcome, Map<String, Long> counts) {
        OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder();
        if (outcome == Outcome.FAILURE) {
            facets.errorMessage(ol.newErrorMessageRunFacetBuilder().message("run failed; counts " + counts).programmingLanguage("Java").build());
        }
        OpenLineage.RunEvent.EventType type = outcome == Outcome.SUCCESS ? OpenLineage.RunEvent.EventType.COMPLETE
                : OpenLineage.RunEvent.EventType.FAIL;
        return event(run, type, facets.build(), counts.get("records.out"));
    }

    private OpenLineage.RunEvent event(Run run, OpenLineage.RunEvent.EventType type, OpenLineage.RunFacets runFacets, Long rowsOut) {
        List<OpenLineage.InputDataset> inputs = new ArrayList<>();
        for (LineageDataset d : run.graph().inputs()) {
            inputs.add(ol.newInputDatasetBuilder().namespace(naming.namespace(d)).name(naming.name(d)).facets(facets(d)).build());
        }
        List<OpenLineage.OutputDataset> outputs = new ArrayList<>();
        for (LineageDataset d : run.graph().outputs()) {
            OpenLineage.OutputDatasetBuilder b = ol.newOutputDatasetBuilder().namespace(naming.namespace(d)).name(naming.name(d)).facets(facets(d));
            if (rowsOut != null && !isDeadLetter(d)) {
                b.outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
                        .outputStatistics(ol.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(rowsOut).build()).build());
            }
            outputs.add(b.build());
        }
        OpenLineage.JobFacets jobFacets = ol.newJobFacetsBuilder()
                .jobType(ol.newJobTypeJobFacetBuilder().processingType(run.streaming() ? "STREAMING" : "BATCH")
                        .integration("SLUICE").jobType("PIPELINE").build())
                .build();
        return ol.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .run(ol.newRunBuilder().runId(run.id()).facets(runFacets).build())
                .job(ol.newJobBuilder().namespace(naming.jobNamespace()).name(run.graph().name()).facets(jobFacets).build())
                .inputs(inputs)
                .outputs(outputs)
                .build();
    }

    private static boolean isDeadLetter(LineageDataset d) {
        return d.name().endsWith(".dlq") || d.name().endsWith("-dlq") || d.name().contains("dead");
    }

    private OpenLineage.DatasetFacets facets(LineageDataset d) {
        OpenLineage.DatasetFacetsBuilder b = ol.newDatasetFacetsBuilder();
        d.schemaIfKnown().filter(s -> s.getType() == Schema.Type.RECORD).ifPresent(s -> b.schema(schema(s)));
        return b.build();
    }

    private OpenLineage.SchemaDatasetFacet schema(Schema s) {
        return ol.newSchemaDatasetFacetBuilder().fields(fields(s)).build();
    }

    private List<OpenLineage.SchemaDatasetFacetFields> fields(Schema record) {
        List<OpenLineage.SchemaDatasetFacetFields> out = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            Schema t = AvroTypes.nonNull(f.schema());
            OpenLineage.SchemaDatasetFacetFieldsBuilder b = ol.newSchemaDatasetFacetFieldsBuilder().name(f.name())
                    .type(t.getLogicalType() != null ? t.getLogicalType().getName() : t.getType().getName()).description(f.doc());
            if (t.getType() == Schema.Type.RECORD) {
                b.fields(fields(t));
            }
            out.add(b.build());
        }
        return out;
    }
}
