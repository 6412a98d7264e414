package dev.sluice.reference;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;

/** The demo's summary lines; each check prints what it compared and answers whether it held. */
final class DemoReport {

    private static final String CLEAN = CleanClicks.CLEAN;

    private final PrintStream out;

    DemoReport(PrintStream out) {
        this.out = out;
    }

    /** Every generated event is rejected at the edge, clean, filtered (bots) or a dead letter, and nothing else. */
    /**
     * The clicks' accounting, from what {@code /ingest} answered (the generator's events and any
     * posted by hand alike): every accepted record is in the raw topic, and each one is clean,
     * filtered or a dead letter.
     */
    boolean clicks(long onRaw, long onClean, long onDlq, MeterRegistry meters, LoadGenerator generator, long accepted, long rejected,
                   double seconds) {
        long generated = generator.sent();
        StageStats s = StageStats.read(meters, CleanClicks.SOURCE_COMPONENT, CleanClicks.SINK_COMPONENT);
        long decodeDlq = StageStats.deadLetters(meters, "deserialize");
        long transformDlq = StageStats.deadLetters(meters, "transform");
        long filtered = s.filtered(transformDlq);
        long byOthers = accepted + rejected - generator.accepted() - generator.rejected();
        boolean balanced = onRaw == accepted && accepted == onClean + filtered + onDlq && onDlq == decodeDlq + transformDlq;
        out.println("summary");
        out.printf("  generated           %,d events in %.1f s (%,.0f events/s end to end, raw zone included)%n", generated, seconds, generated / seconds);
        if (byOthers != 0) {
            out.printf("  posted by others    %,d (to /ingest besides the generator)%n", byOthers);
        }
        out.printf("  rejected at ingest  %,d (answered with their field paths; never in Kafka)%n", rejected);
        out.printf("  %-19s %,d (%s)%n", ClickIngest.RAW, onRaw, onRaw == accepted ? "= events /ingest acknowledged" : "NO: /ingest acknowledged " + accepted);
        out.printf("  %-19s %,d%n", CLEAN, onClean);
        out.printf("  filtered (bots)     %,d%n", filtered);
        out.printf("  %-19s %,d (%,d did not match the schema, %,d failed validation)%n", CleanClicks.DLQ, onDlq, decodeDlq, transformDlq);
        out.printf("  accounted for       %s%n", balanced ? "every event (clean + filtered + dead letters = acknowledged at /ingest)"
                : "NO: clean + filtered + dead letters != acknowledged at /ingest");
        return balanced;
    }

    /** The raw zone against the clean topic: every record once, read back from the files. */
    boolean rawZone(LakeObjects.Contents lake, boolean caughtUp, long onClean) {
        boolean exact = caughtUp && lake.rows() == onClean;
        out.printf("  raw zone (S3)       %,d rows in %d Parquet files (%s)%n", lake.rows(), lake.files(),
                exact ? "= " + CLEAN + ": each record once" : caughtUp ? "NO: differs from " + CLEAN : "NO: not caught up within 60 s");
        return exact;
    }

    /** The search index against the clean topic: the cluster's {@code _count} of its documents. */
    boolean searchIndex(long documents, String pattern, String url, boolean caughtUp, long onClean) {
        boolean exact = caughtUp && documents == onClean;
        out.printf("  search index        %,d documents in %s (%s), %s%n", documents, pattern,
                exact ? "= " + CLEAN : caughtUp ? "NO: differs from " + CLEAN : "NO: not caught up within 60 s", url);
        return exact;
    }

    boolean realtime(long rows, long onClean) {
        out.printf("  pinot %-13s %,d rows (%s)%n", PinotTables.REALTIME, rows, verdict(rows, onClean));
        return rows == onClean;
    }

    /** The daily batch: compaction kept every row, the curated table counts every clean click once. */
    boolean daily(long compacted, int partitions, long curatedRows, long views, long failed, long onClean) {
        boolean exact = views == onClean && compacted == onClean && failed == 0;
        out.printf("  raw zone compacted  %,d rows in %d dt/hr partition(s), one file each%n", compacted, partitions);
        out.printf("  curated (S3)        %,d rows in s3a://%s/%s, sum(views) = %,d (%s)%n", curatedRows, Demo.BUCKET, DailyBatch.CURATED,
                views, exact ? "= " + CLEAN : "NO: differs from " + CLEAN);
        return exact;
    }

    /** The streaming SQL's per-minute table: every clean click in exactly one window (none late: the generator sends in order). */
    boolean perMinute(ClickMinutes.Totals t, long onClean) {
        out.printf("  streaming sql       %,d windows and keys in %s (topic %s), sum(views) = %,d (%s), %,d late%n", t.windows(),
                ClickMinutes.TABLE, ClickMinutes.TOPIC, t.views(), verdict(t.views(), onClean), t.late());
        return t.views() == onClean;
    }

    /** The per-minute table in Pinot's upsert table: one row per window and key, the latest views of each. */
    boolean pinotMinutes(long rows, long views, ClickMinutes.Totals t) {
        boolean exact = rows == t.windows() && views == t.views();
        out.printf("  pinot %-13s %,d rows (%s), sum(views) = %,d (%s)%n", MinuteServing.INDEX, rows,
                rows == t.windows() ? "= windows and keys, upserted" : "NO: differs from the windows and keys", views,
                views == t.views() ? "= " + ClickMinutes.TABLE : "NO: differs from " + ClickMinutes.TABLE);
        return exact;
    }

    /** The per-minute table in the search index: one document per window and key. */
    boolean indexedMinutes(long documents, boolean caughtUp, ClickMinutes.Totals t) {
        boolean exact = caughtUp && documents == t.windows();
        out.printf("  search %-12s %,d documents (%s)%n", MinuteServing.INDEX, documents,
                exact ? "= windows and keys, one per key" : caughtUp ? "NO: differs from the windows and keys" : "NO: not caught up within 60 s");
        return exact;
    }

    boolean offline(long rows, int segments, long onClean) {
        out.printf("  pinot %-13s %,d rows in %d segment(s) from the compacted raw zone (%s)%n", PinotTables.OFFLINE, rows, segments,
                verdict(rows, onClean));
        return rows == onClean;
    }

    /** Trino's answers over the lake: the raw zone's count and the curated table's views, each against the clean topic. */
    boolean served(String url, long rawRows, long views, long onClean) {
        out.printf("  trino raw zone      %,d rows in lake.raw.clicks (%s)%n", rawRows, verdict(rawRows, onClean));
        out.printf("  trino curated       sum(views) = %,d in lake.curated.clicks_daily (%s), %s%n", views, verdict(views, onClean), url);
        return rawRows == onClean && views == onClean;
    }

    private static String verdict(long rows, long onClean) {
        return rows == onClean ? "= " + CLEAN : "NO: differs from " + CLEAN;
    }
}
