package dev.sluice.api.source;

import dev.sluice.api.annotation.Public;
import dev.sluice.api.graph.LineageDataset;
import java.io.Serializable;
import java.util.List;

/**
 * A serializable description of where records come from, and a factory of {@link SourceReader}s
 * (the Flink shape: the factory travels, the reader does the work and never travels).
 *
 * <p>Contract: immutable configuration; {@link #createReader} may be called several times (one
 * reader per worker, or again after a failure) and each reader resumes from the last committed
 * position of its share of the data.
 *
 * @param <T> the decoded value type
 */
@Public
public interface Source<T> extends Serializable {

    SourceReader<T> createReader(SourceContext context);

    /** The datasets this source reads, for lineage. The default is none. */
    default List<LineageDataset> datasets() {
        return List.of();
    }
}
