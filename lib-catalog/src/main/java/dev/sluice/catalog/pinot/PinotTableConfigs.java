package dev.sluice.catalog.pinot;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pinot 0.11 table configs for a {@link PinotTableSpec}: REALTIME from a Kafka topic (an upsert
 * table when the spec has a primary key), OFFLINE for batch segments.
 */
public final class PinotTableConfigs {

    private PinotTableConfigs() {}

    public static ObjectNode realtime(PinotTableSpec spec, PinotStream stream) {
        ObjectNode t = base(spec, "REALTIME");
        ObjectNode s = ((ObjectNode) t.get("tableIndexConfig")).putObject("streamConfigs");
        s.put("streamType", "kafka");
        s.put("stream.kafka.consumer.type", "lowlevel");
        s.put("stream.kafka.topic.name", stream.topic());
        s.put("stream.kafka.broker.list", stream.bootstrapServers());
        s.put("stream.kafka.consumer.factory.class.name", "org.apache.pinot.plugin.stream.kafka20.KafkaConsumerFactory");
        s.put("stream.kafka.consumer.prop.auto.offset.reset", "smallest");
        if (stream.format() == PinotStream.Format.AVRO) {
            s.put("stream.kafka.decoder.class.name", "org.apache.pinot.plugin.inputformat.avro.SimpleAvroMessageDecoder");
            s.put("stream.kafka.decoder.prop.schema", spec.schema().toString());
        } else {
            s.put("stream.kafka.decoder.class.name", "org.apache.pinot.plugin.inputformat.json.JSONMessageDecoder");
        }
        s.put("realtime.segment.flush.threshold.rows", Integer.toString(stream.flushRows()));
        s.put("realtime.segment.flush.threshold.time", "6h");
        ((ObjectNode) t.get("segmentsConfig")).put("replicasPerPartition", Integer.toString(spec.replicas()));
        if (spec.upsert()) {
            // Pinot keeps each key's latest row on the server consuming its partition; brokers must then
            // route a query's segments of one partition to one replica group, or a key is seen twice.
            t.putObject("upsertConfig").put("mode", "FULL");
            t.putObject("routing").put("instanceSelectorType", "strictReplicaGroup");
        }
        return t;
    }

    /** @throws IllegalArgumentException for an upsert spec: Pinot 0.11 upserts only in REALTIME tables */
    public static ObjectNode offline(PinotTableSpec spec) {
        if (spec.upsert()) {
            throw new IllegalArgumentException("table " + spec.table() + " has a primary key " + spec.primaryKey()
                    + ": Pinot upserts only in REALTIME tables, an OFFLINE table appends");
        }
        ObjectNode t = base(spec, "OFFLINE");
        ((ObjectNode) t.get("segmentsConfig")).put("replication", Integer.toString(spec.replicas()));
        t.putObject("ingestionConfig").putObject("batchIngestionConfig")
                .put("segmentIngestionType", "APPEND").put("segmentIngestionFrequency", "DAILY");
        return t;
    }

    private static ObjectNode base(PinotTableSpec spec, String type) {
        ObjectNode t = PinotSchemas.JSON.createObjectNode();
        t.put("tableName", spec.table());
        t.put("tableType", type);
        ObjectNode segments = t.putObject("segmentsConfig");
        segments.put("schemaName", spec.table());
        segments.put("timeColumnName", spec.timeField());
        segments.put("retentionTimeUnit", "DAYS");
        segments.put("retentionTimeValue", Integer.toString(spec.retentionDays()));
        t.putObject("tenants").put("broker", "DefaultTenant").put("server", "DefaultTenant");
        t.putObject("tableIndexConfig").put("loadMode", "MMAP");
        t.putObject("metadata");
        return t;
    }
}
