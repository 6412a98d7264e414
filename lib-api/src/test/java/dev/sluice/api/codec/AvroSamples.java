package dev.sluice.api.codec;

import dev.sluice.api.testing.Kitchen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;

/** A schema with every Avro type, union and nesting, and random records of it: for the tests of Sluice's own Avro readers and writers. */
public final class AvroSamples {

    public static final Schema COLOR = SchemaBuilder.enumeration("Color").symbols("RED", "GREEN", "BLUE");
    public static final Schema HASH = SchemaBuilder.fixed("Hash").size(3);
    public static final Schema MILLIS = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    public static final Schema POINT = SchemaBuilder.record("Point").fields().requiredInt("x").optionalDouble("y").endRecord();
    /** A linked list: a record that refers to itself. */
    public static final Schema NODE = new Schema.Parser().parse("""
            {"type": "record", "name": "Node", "fields": [
              {"name": "label", "type": "string"},
              {"name": "next", "type": ["null", "Node"], "default": null}]}""");
    public static final Schema EVERYTHING = SchemaBuilder.record("Everything").namespace("t").fields()
            .requiredBoolean("b").requiredInt("i").requiredLong("l").requiredFloat("f").requiredDouble("d")
            .requiredString("s").optionalString("o").requiredBytes("raw")
            .name("color").type(COLOR).noDefault().name("hash").type(HASH).noDefault()
            .name("at").type(MILLIS).noDefault()
            .name("maybeAt").type().unionOf().nullType().and().type(MILLIS).endUnion().nullDefault()
            .name("nullLast").type().unionOf().intType().and().nullType().endUnion().intDefault(0)
            .name("point").type(POINT).noDefault()
            .name("many").type().unionOf().nullType().and().stringType().and().longType().and().type(POINT).and().type(COLOR).endUnion().nullDefault()
            .name("points").type().array().items(POINT).noDefault()
            .name("tags").type().map().values().unionOf().nullType().and().intType().endUnion().noDefault()
            .name("list").type(NODE).noDefault()
            .endRecord();

    private AvroSamples() {}

    /** Record {@code n} of a seeded run; {@code instants}: timestamps as {@code Instant}s, for a model with their conversion. */
    public static GenericRecord everything(Random random, int n, boolean instants) {
        GenericRecord r = new GenericData.Record(EVERYTHING);
        String[] strings = {"", "ascii", "Grüße", "日本語", "\uD83D\uDE00"};
        r.put("b", random.nextBoolean());
        r.put("i", random.nextInt());
        r.put("l", random.nextLong());
        r.put("f", random.nextFloat());
        r.put("d", random.nextDouble());
        r.put("s", n % 2 == 0 ? strings[n % 5] : new Utf8(strings[n % 5]));
        r.put("o", n % 3 == 0 ? null : n % 3 == 1 ? strings[(n + 2) % 5] : new Utf8(strings[(n + 2) % 5]));
        r.put("nullLast", n % 2 == 0 ? null : n);
        byte[] raw = new byte[n % 20];
        random.nextBytes(raw);
        r.put("raw", ByteBuffer.wrap(raw));
        r.put("color", new GenericData.EnumSymbol(COLOR, COLOR.getEnumSymbols().get(n % 3)));
        r.put("hash", new GenericData.Fixed(HASH, new byte[] {(byte) n, 2, 3}));
        long millis = 1_700_000_000_000L + n;
        r.put("at", instants ? Instant.ofEpochMilli(millis) : millis);
        r.put("maybeAt", n % 2 == 0 ? null : instants ? Instant.ofEpochMilli(millis) : millis);
        r.put("point", point(n));
        Object[] many = {null, "text", new Utf8("utf8"), (long) n, point(n + 1), new GenericData.EnumSymbol(COLOR, "BLUE")};
        r.put("many", many[n % many.length]);
        List<GenericRecord> points = new ArrayList<>();
        for (int i = 0; i < n % 4; i++) {
            points.add(point(i));
        }
        r.put("points", points);
        Map<Object, Object> tags = new LinkedHashMap<>();
        for (int i = 0; i < n % 3; i++) {
            tags.put(i % 2 == 0 ? "k" + i : new Utf8("ü" + i), i == 1 ? null : i);
        }
        r.put("tags", tags);
        GenericRecord list = null;
        for (int i = 0; i <= n % 3; i++) {
            GenericRecord node = new GenericData.Record(NODE);
            node.put("label", "node " + i);
            node.put("next", list);
            list = node;
        }
        r.put("list", list);
        return r;
    }

    public static GenericRecord point(int n) {
        GenericRecord p = new GenericData.Record(POINT);
        p.put("x", n);
        p.put("y", n % 2 == 0 ? null : n / 2.0);
        return p;
    }

    /** The datum in Avro binary. */
    public static <T> byte[] bytes(DatumWriter<T> writer, T value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, e);
        e.flush();
        return out.toByteArray();
    }

    /** Record {@code n} of {@link Kitchen}'s schema as a generic record, logical types in their Avro form (uuid a string, date an int). */
    public static GenericRecord kitchen(Random random, int n) {
        Schema s = Kitchen.getClassSchema();
        GenericRecord r = new GenericData.Record(s);
        r.put("hash", new GenericData.Fixed(s.getField("hash").schema(), new byte[] {(byte) n, 1, 2, 3}));
        byte[] raw = new byte[n % 7];
        random.nextBytes(raw);
        r.put("raw", ByteBuffer.wrap(raw));
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < n % 3; i++) {
            counts.put("k" + i, random.nextLong());
        }
        r.put("counts", counts);
        r.put("amount", ByteBuffer.wrap(BigInteger.valueOf(random.nextInt(200_000_000) - 100_000_000).toByteArray())); // at most 9 digits
        r.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
        r.put("day", 20_000 + n);
        r.put("at", n % 2 == 0 ? null : 1_700_000_000_000_000L + n);
        GenericRecord part = new GenericData.Record(s.getField("part").schema().getTypes().get(1));
        part.put("sku", "sku-" + n);
        part.put("qty", n);
        r.put("part", n % 3 == 0 ? null : part);
        r.put("level", new GenericData.EnumSymbol(s.getField("level").schema(), n % 2 == 0 ? "LOW" : "HIGH"));
        r.put("ratio", random.nextFloat());
        GenericRecord chain = null;
        for (int i = 0; i <= n % 3; i++) {
            GenericRecord link = new GenericData.Record(s.getField("chain").schema());
            link.put("label", "link " + i);
            link.put("next", chain);
            chain = link;
        }
        r.put("chain", chain);
        return r;
    }
}
