package dev.sluice.ingest.cdc;

import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import dev.sluice.api.source.Source;
import dev.sluice.api.source.SourceContext;
import dev.sluice.api.source.SourceReader;
import dev.sluice.ingest.state.KafkaStateStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Change data capture on the Debezium embedded engine: every insert, update and delete of the
 * captured tables as an Avro record, in log order. The engine's offsets live in Sluice's compacted
 * state topic and advance only past records whose positions were committed, i.e. after every sink
 * (Kafka) acknowledged them; a restart resumes there. Immutable; change it with the {@code with*}
 * methods.
 *
 * @param name      the source's name: Debezium's {@code topic.prefix} and the key of its offsets
 * @param connector Debezium connector properties (see {@link #postgres} and {@link #sqlServer});
 *                  values of keys that look secret are never printed
 * @param offsets   where the engine's offsets are kept
 * @param value     what each record's value is: the whole change event, or the row after it
 */
public record CdcSource(String name, Map<String, String> connector, KafkaStateStore.Topic offsets, Value value)
        implements Source<GenericRecord> {

    private static final long serialVersionUID = 1L;

    /** {@link #ENVELOPE}: Debezium's {@code before}, {@code after}, {@code op}, {@code source}, {@code ts_ms} (read it with {@link RowChange#of}); {@link #AFTER}: the row after the change, null for a delete (a tombstone keyed by the primary key). */
    public enum Value { ENVELOPE, AFTER }

    public CdcSource {
        Require.nonBlank(name, "name");
        connector = Map.copyOf(Require.nonNull(connector, "connector"));
        Require.nonBlank(connector.get("connector.class"), "connector.class");
        Require.nonNull(offsets, "offsets");
        Require.nonNull(value, "value");
    }

    /**
     * PostgreSQL through the pgoutput plugin (no server extension needed; {@code wal_level=logical}
     * and a user with REPLICATION). Tables are {@code schema.table}. A publication and a slot named
     * after the source are created if missing; an initial snapshot reads the rows already there.
     */
    public static CdcSource postgres(String name, String host, int port, String database, String user, String password,
                                     List<String> tables, KafkaStateStore.Topic offsets) {
        String id = name.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase();
        Map<String, String> p = new HashMap<>();
        p.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.put("database.hostname", host);
        p.put("database.port", Integer.toString(port));
        p.put("database.dbname", database);
        p.put("database.user", user);
        p.put("database.password", password);
        p.put("plugin.name", "pgoutput");
        p.put("slot.name", id);
        p.put("publication.name", id);
        p.put("publication.autocreate.mode", "filtered");
        p.put("table.include.list", String.join(",", tables));
        return new CdcSource(name, common(name, p), offsets, Value.ENVELOPE);
    }

    /**
     * SQL Server with CDC enabled on the database and the tables ({@code sys.sp_cdc_enable_db},
     * {@code sys.sp_cdc_enable_table}). Tables are {@code schema.table}. The schema history the
     * connector needs lives in the topic {@code <offsets topic>.<name>.schema-history}.
     */
    public static CdcSource sqlServer(String name, String host, int port, String database, String user, String password,
                                      List<String> tables, KafkaStateStore.Topic offsets) {
        Map<String, String> p = new HashMap<>();
        p.put("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector");
        p.put("database.hostname", host);
        p.put("database.port", Integer.toString(port));
        p.put("database.names", database);
        p.put("database.user", user);
        p.put("database.password", password);
        p.put("table.include.list", String.join(",", tables));
        p.put("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
        p.put("schema.history.internal.kafka.bootstrap.servers", offsets.bootstrapServers());
        p.put("schema.history.internal.kafka.topic", offsets.topic() + "." + name + ".schema-history");
        return new CdcSource(name, common(name, p), offsets, Value.ENVELOPE);
    }

    private static Map<String, String> common(String name, Map<String, String> p) {
        p.put("name", name);
        p.put("topic.prefix", name);
        p.put("tombstones.on.delete", "false"); // a delete is one event; AFTER mode makes the tombstone itself
        p.put("decimal.handling.mode", "precise");
        p.put("poll.interval.ms", "50");
        return p;
    }

    /** Sets or overrides one Debezium property ({@code snapshot.mode}, {@code database.encrypt}, ...). */
    public CdcSource withConnector(String key, String val) {
        Map<String, String> p = new HashMap<>(connector);
        p.put(key, val);
        return new CdcSource(name, p, offsets, value);
    }

    public CdcSource withValue(Value v) {
        return new CdcSource(name, connector, offsets, v);
    }

    @Override
    public SourceReader<GenericRecord> createReader(SourceContext context) {
        return new CdcSourceReader(this, context);
    }

    @Override
    public List<LineageDataset> datasets() {
        String platform = connector.get("connector.class").contains("postgresql") ? "postgres" : "mssql";
        String db = connector.getOrDefault("database.dbname", connector.getOrDefault("database.names", ""));
        return Arrays.stream(connector.getOrDefault("table.include.list", "").split(",")).filter(t -> !t.isBlank())
                .map(t -> new LineageDataset(platform, db + "." + t.trim(), null)).toList();
    }

    @Override
    public String toString() {
        Map<String, String> shown = new HashMap<>();
        connector.forEach((k, v) -> shown.put(k, k.matches("(?i).*(password|secret|token|key).*") ? "***" : v));
        return "CdcSource[" + name + ", " + shown + ", " + value + "]";
    }
}
