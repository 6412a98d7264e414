package dev.sluice.api.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class ByteArrayBinaryEncoderTest {

    private static final Schema ENUM = SchemaBuilder.enumeration("Color").symbols("RED", "GREEN");
    private static final Schema FIXED = SchemaBuilder.fixed("Hash").size(4);
    private static final Schema SCHEMA = SchemaBuilder.record("Everything").fields()
            .requiredBoolean("b").requiredInt("i").requiredLong("l").requiredFloat("f").requiredDouble("d")
            .requiredString("s").optionalString("o").requiredBytes("bytes")
            .name("e").type(ENUM).noDefault().name("x").type(FIXED).noDefault()
            .name("a").type().array().items().stringType().noDefault()
            .name("m").type().map().values().longType().noDefault()
            .endRecord();

    @Test
    void writesTheSameBytesAsAvrosBufferedEncoderForEveryType() throws IOException {
        Random random = new Random(42);
        String[] strings = {"", "plain ascii", "Grüße aus Köln", "日本語のテキスト", "emoji \uD83D\uDE00 in a string", "x".repeat(3000)};
        ByteArrayBinaryEncoder encoder = new ByteArrayBinaryEncoder(16); // small, so records grow it
        for (int n = 0; n < 200; n++) {
            GenericRecord r = new GenericData.Record(SCHEMA);
            r.put("b", random.nextBoolean());
            r.put("i", n % 2 == 0 ? random.nextInt() : Integer.MIN_VALUE);
            r.put("l", n % 3 == 0 ? Long.MIN_VALUE : random.nextLong());
            r.put("f", random.nextFloat());
            r.put("d", n % 5 == 0 ? Double.NaN : random.nextDouble());
            r.put("s", n % 2 == 0 ? strings[n % strings.length] : new Utf8(strings[n % strings.length]));
            r.put("o", n % 4 == 0 ? null : strings[(n + 1) % strings.length]);
            byte[] raw = new byte[random.nextInt(40)];
            random.nextBytes(raw);
            ByteBuffer bytes = switch (n % 4) {
                case 0 -> ByteBuffer.wrap(raw);
                case 1 -> ByteBuffer.wrap(raw, Math.min(2, raw.length), raw.length - Math.min(2, raw.length)); // a position past 0
                case 2 -> ByteBuffer.allocateDirect(raw.length).put(raw).flip();
                default -> ByteBuffer.wrap(raw).asReadOnlyBuffer();
            };
            r.put("bytes", bytes);
            r.put("e", new GenericData.EnumSymbol(ENUM, n % 2 == 0 ? "RED" : "GREEN"));
            r.put("x", new GenericData.Fixed(FIXED, new byte[] {1, 2, 3, (byte) n}));
            r.put("a", List.of(strings).subList(0, n % strings.length));
            r.put("m", n % 3 == 0 ? Map.of() : Map.of("k" + n, (long) n, "ü", -1L));

            encoder.reset(new byte[] {0, 0, 0, 0, 7});
            new GenericDatumWriter<GenericRecord>(SCHEMA).write(r, encoder);

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(new byte[] {0, 0, 0, 0, 7});
            BinaryEncoder avro = EncoderFactory.get().binaryEncoder(expected, null);
            new GenericDatumWriter<GenericRecord>(SCHEMA).write(r, avro);
            avro.flush();
            assertThat(encoder.toByteArray()).as("record %d", n).isEqualTo(expected.toByteArray());
            assertThat(encoder.bytesBuffered()).isEqualTo(expected.size());
        }
    }

    @Test
    void resetDropsWhatTheLastDatumLeftBehind() {
        ByteArrayBinaryEncoder encoder = new ByteArrayBinaryEncoder(8);
        encoder.reset(null);
        encoder.writeString("a failed datum's first field");
        encoder.reset(new byte[] {9});
        encoder.writeInt(1);
        assertThat(encoder.toByteArray()).containsExactly(9, 2);
    }

    @Test
    void letsGoOfAnArrayGrownForOneHugeDatum() {
        ByteArrayBinaryEncoder encoder = new ByteArrayBinaryEncoder(8);
        encoder.reset(null);
        encoder.writeFixed(new byte[3 << 20], 0, 3 << 20);
        assertThat(encoder.capacity()).isGreaterThanOrEqualTo(3 << 20);
        encoder.reset(null);
        assertThat(encoder.capacity()).isEqualTo(8);
        encoder.writeLong(-1);
        assertThat(encoder.toByteArray()).containsExactly(1);
        encoder.writeFixed(new byte[4], 0, 4);
        assertThat(encoder.bytesBuffered()).isEqualTo(5);
    }
}
