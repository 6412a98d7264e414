package dev.sluice.ingest.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The REST tests' items: JSON as the API serves them, and the Avro record the source should make of them. */
final class Items {

    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"Item","namespace":"dev.sluice.ingest.test","fields":[
              {"name":"id","type":"string"},{"name":"name","type":"string"},{"name":"updated","type":"string"}]}""");

    private Items() {}

    static ObjectNode json(int i) {
        return JsonNodeFactory.instance.objectNode().put("id", "item-" + i).put("name", "Item number " + i)
                .put("updated", String.format("2026-11-24T10:%02d:%02dZ", (i / 60) % 60, i % 60));
    }

    /** The ids of items {@code from} (inclusive) to {@code to}, in order. */
    static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "item-" + i).toList();
    }

    static GenericRecord avro(int i) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", "item-" + i);
        r.put("name", "Item number " + i);
        r.put("updated", String.format("2026-11-24T10:%02d:%02dZ", (i / 60) % 60, i % 60));
        return r;
    }
}
