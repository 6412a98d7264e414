package dev.sluice.catalog.pinot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Test clicks for the Pinot tables, with the per-country sums a query must give back. */
final class Clicks {

    static final Schema SCHEMA = SchemaBuilder.record("Click").namespace("dev.sluice.test").fields()
            .requiredString("userId")
            .requiredString("country")
            .name("durationMs").doc("time on page").type().longType().noDefault()
            .name("ts").type(org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .endRecord();

    static final String[] COUNTRIES = {"de", "fr", "us", "jp", "br"};

    private Clicks() {}

    /** {@code n} clicks, {@code seed} varying the durations so two batches differ. */
    static List<GenericRecord> make(int n, int seed, Instant start) {
        List<GenericRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            GenericRecord r = new GenericData.Record(SCHEMA);
            r.put("userId", "u" + (i % 97));
            r.put("country", COUNTRIES[i % COUNTRIES.length]);
            r.put("durationMs", (long) ((i * 31 + seed) % 5000));
            r.put("ts", start.toEpochMilli() + i);
            out.add(r);
        }
        return out;
    }

    /** Sum of durationMs per country, countries as they appear after {@code map}. */
    static Map<String, Long> sums(List<GenericRecord> clicks, UnaryOperator<String> map) {
        Map<String, Long> sums = new TreeMap<>();
        for (GenericRecord r : clicks) {
            sums.merge(map.apply(r.get("country").toString()), (Long) r.get("durationMs"), Long::sum);
        }
        return sums;
    }
}
