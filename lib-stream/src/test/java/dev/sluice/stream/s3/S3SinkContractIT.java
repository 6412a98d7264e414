package dev.sluice.stream.s3;

import dev.sluice.api.sink.Sink;
import dev.sluice.embedded.S3Service;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.SinkContractTest;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 sink keeps the promises of every sink, read back with Avro's own file reader. */
class S3SinkContractIT extends SinkContractTest<GenericRecord> {

    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();
    static final String BUCKET = "s3-contract";

    @BeforeAll
    static void bucket() {
        S3.get().createBucket(BUCKET);
    }

    @Override
    protected Sink<GenericRecord> createSink(String destination) {
        return S3Sink.<GenericRecord>of(S3Files.connection(S3.get()), BUCKET,
                destination + "/").withFormat(FileFormat.AVRO).withPartitioning(Partitioning.none());
    }

    @Override
    protected GenericRecord value(int i) {
        return Clicks.click(i, false);
    }

    @Override
    protected List<GenericRecord> readBack(String destination, int atLeast) {
        // flush() returned: the files are in S3 already, nothing to wait for.
        return S3Files.rows(S3Files.read(S3.get(), BUCKET, destination + "/"));
    }
}
