package dev.sluice.api.sink;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.graph.LineageDataset;
import java.io.Serializable;
import java.util.List;

/**
 * A serializable description of where records go, and a factory of {@link SinkWriter}s.
 *
 * <p>Contract: immutable configuration; {@link #createWriter} may be called once per worker and
 * again after a failure.
 *
 * @param <T> the value type the sink accepts
 */
@Public
public interface Sink<T> extends Serializable {

    SinkWriter<T> createWriter(SinkContext context);

    /** The datasets this sink writes, for lineage. The default is none. */
    default List<LineageDataset> datasets() {
        return List.of();
    }
}
