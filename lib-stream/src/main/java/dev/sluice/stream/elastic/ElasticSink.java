package dev.sluice.stream.elastic;

import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.sink.Sink;
import dev.sluice.api.sink.SinkContext;
import dev.sluice.api.sink.SinkWriter;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Indexes Avro records into Elasticsearch (8, 9) or OpenSearch (2, 3) through the {@code _bulk}
 * API, as plain JSON documents over the JDK's HTTP client, so one sink serves both servers.
 *
 * <p><b>Replays are harmless.</b> Every document has an id ({@link DocumentIds}: the record key,
 * a field, or the source position), and an {@code index} action replaces a document whole: records
 * read again after a crash or a rebalance overwrite their documents, so the index holds each record
 * once although the runtime delivers at least once. A tombstone (null value) deletes the document
 * named by its key; deleting one that is not there is not an error.
 *
 * <p><b>One bad document is one dead letter.</b> An item the cluster refuses (400: a mapping
 * conflict, a value it cannot parse) goes through the sink-stage policy, to the dead letter by
 * default with its raw bytes and the cluster's error type and reason, while the rest of the bulk
 * is indexed. Items refused for load (429, {@code rejected_execution_exception}) are sent again
 * alone with backoff, never the whole bulk; see {@link Bulking} for the bounds and what happens when
 * the cluster stays away. The source's positions are committed only after the flush that saw their
 * bulks acknowledged ({@code refresh} is not needed for that; a search sees them after the index's
 * next refresh, one second by default).
 *
 * <p><b>Mappings</b> are derived from {@code schema} ({@link ElasticMapping}) and set up at start,
 * idempotently, for the {@link IndexNaming}: a fixed index, a write alias, or an index per day.
 *
 * <p><b>Metrics</b> (through the runtime's listener): documents indexed ({@code sluice.records.out}),
 * refusals and retries by the cluster's error type ({@code sluice.failures}, tag {@code reason}),
 * bulk and flush latency ({@code sluice.latency}, components {@code <sink>:bulk}, {@code <sink>:flush}).
 *
 * @param textFields fields (paths such as {@code address.street}) mapped as analysed {@code text}
 *     with a {@code .keyword} sub-field; other strings are {@code keyword}
 */
public record ElasticSink<T extends IndexedRecord>(ElasticConnection connection, IndexNaming naming, Schema schema, DocumentIds ids,
                                                    Bulking bulking, Set<String> textFields) implements Sink<T> {

    private static final long serialVersionUID = 1L;

    public ElasticSink {
        Require.nonNull(connection, "connection");
        Require.nonNull(naming, "naming");
        Require.nonNull(schema, "schema");
        Require.nonNull(ids, "ids");
        Require.nonNull(bulking, "bulking");
        textFields = Set.copyOf(Require.nonNull(textFields, "textFields"));
        ElasticMapping.of(schema, textFields); // a schema without a mapping fails here, not in a worker
        if (ids.field() != null && schema.getField(ids.field()) == null) {
            throw new IllegalArgumentException("document id field \"" + ids.field() + "\" is not in schema " + schema.getFullName());
        }
    }

    /** Records of {@code schema} to {@code naming}'s indices; ids from the key, else the position; default bulking. */
    public static <T extends IndexedRecord> ElasticSink<T> of(ElasticConnection connection, IndexNaming naming, Schema schema) {
        return new ElasticSink<>(connection, naming, schema, DocumentIds.keyOrPosition(), Bulking.defaults(), Set.of());
    }

    public ElasticSink<T> withIds(DocumentIds v) {
        return new ElasticSink<>(connection, naming, schema, v, bulking, textFields);
    }

    public ElasticSink<T> withBulking(Bulking v) {
        return new ElasticSink<>(connection, naming, schema, ids, v, textFields);
    }

    public ElasticSink<T> withTextFields(String... paths) {
        return new ElasticSink<>(connection, naming, schema, ids, bulking, Set.of(paths));
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new ElasticSinkWriter<>(this, context);
    }

    @Override
    public List<LineageDataset> datasets() {
        return List.of(new LineageDataset("elasticsearch", naming.searchPattern(), schema));
    }
}
