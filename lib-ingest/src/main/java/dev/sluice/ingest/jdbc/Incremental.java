package dev.sluice.ingest.jdbc;

import dev.sluice.api.Require;
import java.io.Serializable;

/**
 * Which column(s) order a table's changes, so each query asks only for rows after the last read.
 * Rows are read in that order; an update must move a row forward in it (bump its timestamp).
 */
public sealed interface Incremental extends Serializable {

    /** The WHERE clause after the last key (with {@code ?} for its parts), ORDER BY, and the first query's filter. */
    String after();

    String orderBy();

    String first();

    /**
     * A last-modified timestamp with the primary key as tie-break: rows sharing a timestamp (one
     * transaction, or a coarse clock) are neither skipped nor repeated. Compared at the column's
     * full precision (nanoseconds as JDBC gives them; SQL Server {@code datetime2(7)} included).
     */
    record TimestampId(String timestampColumn, String idColumn) implements Incremental {
        public TimestampId {
            Require.nonBlank(timestampColumn, "timestampColumn");
            Require.nonBlank(idColumn, "idColumn");
        }

        @Override
        public String after() {
            return "(" + timestampColumn + " > ? OR (" + timestampColumn + " = ? AND " + idColumn + " > ?))";
        }

        @Override
        public String orderBy() {
            return timestampColumn + ", " + idColumn;
        }

        @Override
        public String first() {
            return timestampColumn + " IS NOT NULL";
        }
    }

    /**
     * SQL Server {@code rowversion}: a database-wide counter every insert and update bumps. Rows are
     * read only below {@code MIN_ACTIVE_ROWVERSION()}, so a transaction still open cannot commit a
     * row behind what was already read.
     */
    record RowVersion(String column) implements Incremental {
        public RowVersion {
            Require.nonBlank(column, "column");
        }

        @Override
        public String after() {
            return column + " > ? AND " + column + " < MIN_ACTIVE_ROWVERSION()";
        }

        @Override
        public String orderBy() {
            return column;
        }

        @Override
        public String first() {
            return column + " < MIN_ACTIVE_ROWVERSION()";
        }
    }
}
