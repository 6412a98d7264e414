package dev.sluice.stream;

import dev.sluice.api.Transform;
import dev.sluice.api.codec.SingleObjectAvroCodec;
import dev.sluice.api.error.DataException;
import dev.sluice.embedded.KafkaService;
import dev.sluice.stream.testing.Txn;
import dev.sluice.testkit.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Test traffic for the runtime: payments with 1% poison, half that do not decode (no
 * single-object marker) and half the transform rejects (negative amount).
 */
final class Payments {

    static final SingleObjectAvroCodec<Txn> CODEC = SingleObjectAvroCodec.specific(Txn.class);

    private Payments() {}

    /** What a produced batch should become. */
    record Expected(Set<Long> goodIds, int undecodable, int rejected) {
        int poison() {
            return undecodable + rejected;
        }
    }

    static boolean undecodable(long i) {
        return i % 200 == 7;
    }

    static boolean rejected(long i) {
        return i % 200 == 107;
    }

    static Expected produce(KafkaService kafka, String topic, int count) {
        Set<Long> good = new TreeSet<>();
        int undecodable = 0;
        int rejected = 0;
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(10_000);
        for (long i = 0; i < count; i++) {
            byte[] value;
            if (undecodable(i)) {
                value = ("not-avro-" + i).getBytes(StandardCharsets.UTF_8);
                undecodable++;
            } else {
                value = CODEC.encode(txn(i, rejected(i) ? -1 : 1));
                if (rejected(i)) {
                    rejected++;
                } else {
                    good.add(i);
                }
            }
            batch.add(new ProducerRecord<>(topic, Long.toString(i).getBytes(StandardCharsets.UTF_8), value));
            if (batch.size() == 10_000) {
                Topics.produce(kafka, batch);
                batch.clear();
            }
        }
        Topics.produce(kafka, batch);
        return new Expected(good, undecodable, rejected);
    }

    static Txn txn(long i, int sign) {
        return Txn.newBuilder().setId(i).setAccount("acct-" + (i % 997)).setAmount(sign * (10 + i % 1000) / 7.0)
                .setCurrency(i % 2 == 0 ? "eur" : "usd").setTs(Instant.ofEpochMilli(1_795_503_600_000L + i)).build();
    }

    /** Rejects negative amounts, then normalizes currency and rounds to cents: the same each time, so outputs compare. */
    static Transform<Txn, Txn> validateAndNormalize() {
        Transform<Txn, Txn> validate = Transform.map(t -> {
            if (t.getAmount() < 0) {
                throw new DataException("$.amount: must not be negative, got " + t.getAmount());
            }
            return t;
        });
        return validate.andThen(Transform.map(t -> Txn.newBuilder(t)
                .setCurrency(t.getCurrency().toUpperCase(Locale.ROOT))
                .setAmount(Math.round(t.getAmount() * 100) / 100.0)
                .build()));
    }

    /** Good inputs absent from {@code outputIds}, at most the first 50, to make a failure readable. */
    static List<Long> missing(Expected expected, List<Long> outputIds) {
        Set<Long> seen = new HashSet<>(outputIds);
        return expected.goodIds().stream().filter(id -> !seen.contains(id)).limit(50).toList();
    }

    /** Ids in the output topic, read_committed, duplicates kept. */
    static List<Long> outputIds(KafkaService kafka, String topic, int atLeast, Duration timeout) {
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : Topics.read(kafka, topic, atLeast, timeout)) {
            Txn t = CODEC.decode(r.value());
            if (!t.getCurrency().equals(t.getCurrency().toUpperCase(Locale.ROOT))) {
                throw new AssertionError("output record " + t.getId() + " was not transformed");
            }
            ids.add(t.getId());
        }
        return ids;
    }
}
