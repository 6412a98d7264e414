package dev.sluice.ingest.http;

import dev.sluice.api.codec.SingleObjectAvroCodec;
import org.apache.avro.Schema;

/** The tests' stream: a click with a required user, an optional referrer and a nested device. */
final class Clicks {

    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"Click","namespace":"dev.sluice.ingest.test","fields":[
              {"name":"id","type":"string"},
              {"name":"user","type":"string"},
              {"name":"referrer","type":["null","string"],"default":null},
              {"name":"durationMs","type":"long"},
              {"name":"device","type":{"type":"record","name":"Device","fields":[
                {"name":"os","type":"string"},{"name":"mobile","type":"boolean"}]}}
            ]}""");

    private Clicks() {}

    static String json(String id) {
        return "{\"id\":\"" + id + "\",\"user\":\"u-" + id + "\",\"durationMs\":" + Math.abs(id.hashCode() % 5000)
                + ",\"device\":{\"os\":\"linux\",\"mobile\":false}}";
    }

    /** A record missing {@code user} and with a string where {@code device.mobile} needs a boolean. */
    static String invalidJson(String id) {
        return "{\"id\":\"" + id + "\",\"durationMs\":1,\"device\":{\"os\":\"ios\",\"mobile\":\"yes\"}}";
    }

    static IngestStream stream(String name, String topic) {
        return IngestStream.of(name, topic, SCHEMA, SingleObjectAvroCodec.generic(SCHEMA));
    }
}
