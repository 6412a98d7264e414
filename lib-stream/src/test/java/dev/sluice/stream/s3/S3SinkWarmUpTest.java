package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class S3SinkWarmUpTest {

    private static final Schema CLICK = SchemaBuilder.record("Click").fields().requiredString("id").optionalString("referrer")
            .name("tags").type().array().items().stringType().noDefault()
            .name("counts").type().map().values().longType().noDefault().endRecord();
    /** Nothing listens on port 9 here: a warm-up that opened a connection would fail. */
    private static final S3Connection NOWHERE = S3Connection.compatible(URI.create("http://127.0.0.1:9"), "key", "secret");

    @Test
    void warmsUpEveryFormatAndCodecWithoutOpeningAConnection() {
        for (FileFormat format : FileFormat.values()) {
            for (Compression compression : Compression.values()) {
                S3Sink<GenericRecord> sink = S3Sink.<GenericRecord>of(NOWHERE, "bucket", "").withFormat(format).withCompression(compression)
                        .withSchema(CLICK);
                assertThatCode(sink::warmUp).as("%s %s", format, compression).doesNotThrowAnyException();
                assertThatCode(sink.withSchema(null)::warmUp).as("%s %s without a schema", format, compression).doesNotThrowAnyException();
                assertThatCode(sink.withTombstones(Tombstones.MARKER)::warmUp).as("%s %s with tombstone markers", format, compression)
                        .doesNotThrowAnyException();
            }
        }
    }
}
