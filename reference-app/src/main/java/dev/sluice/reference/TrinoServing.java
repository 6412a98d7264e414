package dev.sluice.reference;

import dev.sluice.catalog.trino.TrinoQuery;
import java.time.LocalDate;

/**
 * The lake served through Trino: registers the raw zone and the curated table in the {@code lake}
 * catalog with the statements of {@code infra/serving/trino/curated-tables.sql} ({@link ServingFiles},
 * idempotent: a rerun only syncs the partitions), and answers what the summary checks.
 */
final class TrinoServing {

    private final TrinoQuery trino;
    private final String bucket;

    TrinoServing(AppConfig.Trino config, String bucket) {
        this.trino = new TrinoQuery(config.url(), config.user());
        this.bucket = bucket;
    }

    /** Creates the schemas and tables when absent and syncs their partitions with the lake. */
    void register() {
        ServingFiles.trinoStatements(bucket).forEach(trino::execute);
    }

    /** Rows of the raw zone, counted by Trino. */
    long rawRows() {
        return trino.single("SELECT count(*) FROM lake.raw.clicks");
    }

    /** The curated table's {@code sum(views)}, by Trino. */
    long curatedViews() {
        return trino.single("SELECT coalesce(sum(views), 0) FROM lake.curated.clicks_daily");
    }

    /** The day's {@code sum(views)} in the curated table, by Trino. */
    long curatedViews(LocalDate day) {
        return trino.single("SELECT coalesce(sum(views), 0) FROM lake.curated.clicks_daily WHERE dt = '" + day + "'");
    }
}
