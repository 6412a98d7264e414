package dev.sluice.stream.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FileBufferTest {

    @Test
    void entriesReadBackInOrderWithKeysAndTombstones() {
        AtomicLong budget = new AtomicLong();
        FileBuffer file = new FileBuffer("dt=x", 42, true, budget);
        byte[] big = new byte[50_000]; // spans several chunks
        big[49_999] = 9;
        file.append(3, "k1".getBytes(StandardCharsets.UTF_8), big, big.length);
        file.append(-1, "k2".getBytes(StandardCharsets.UTF_8), null, 0);
        file.append(1, null, new byte[] {1, 2, 3, 99}, 3);
        assertThat(budget.get()).isGreaterThanOrEqualTo(file.bytes());

        FileBuffer.Reader in = file.reader();
        FileBuffer.Entry e = in.next();
        assertThat(e.schemaId).isEqualTo(3);
        assertThat(new String(e.key.array(), 0, e.key.limit(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(e.value.remaining()).isEqualTo(50_000);
        assertThat(e.value.get(e.value.position() + 49_999)).isEqualTo((byte) 9);
        e = in.next();
        assertThat(e.tombstone()).isTrue();
        assertThat(new String(e.key.array(), 0, e.key.limit(), StandardCharsets.UTF_8)).isEqualTo("k2");
        e = in.next();
        assertThat(e.key).isNull();
        assertThat(e.value.remaining()).isEqualTo(3);
        assertThat(in.next()).isNull();
        assertThat(file.records()).isEqualTo(3);
        assertThat(file.tombstones()).isEqualTo(1);

        file.release();
        file.release();
        assertThat(budget.get()).as("every byte given back, once").isZero();
    }
}
