package dev.sluice.ingest.cdc;

import dev.sluice.api.Position;
import dev.sluice.api.Require;

/**
 * A change event of a CDC source: the source, the event's sequence number within its reader (so
 * snapshot events, which share one log position, stay distinct), and the connector's offset as
 * text (an LSN for Postgres, change and commit LSNs for SQL Server).
 */
public record CdcPosition(String source, long sequence, String offset) implements Position {

    public CdcPosition {
        Require.nonBlank(source, "source");
        Require.nonNull(offset, "offset");
    }

    @Override
    public String describe() {
        return source + "@" + offset;
    }
}
