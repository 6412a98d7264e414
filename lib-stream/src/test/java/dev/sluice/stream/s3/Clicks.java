package dev.sluice.stream.s3;

import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.testkit.Topics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Click events in two schema versions (v2 adds {@code country} with a default), produced in the Confluent wire format. */
public final class Clicks {

    public static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Click","namespace":"dev.sluice.test","fields":[
              {"name":"id","type":"long"},
              {"name":"user","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
    static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Click","namespace":"dev.sluice.test","fields":[
              {"name":"id","type":"long"},
              {"name":"user","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"country","type":"string","default":"unknown"}]}""");
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 1);

    private Clicks() {}

    /** A codec that hands out records in the schema they were written with (no reader schema). */
    public static ConfluentAvroCodec<GenericRecord> codec(SchemaRegistryService registry, String subject) {
        return ConfluentAvroCodec.generic(registry.client(), subject, null);
    }

    public static GenericRecord click(long id, boolean v2) {
        GenericRecord r = new GenericData.Record(v2 ? V2 : V1);
        r.put("id", id);
        r.put("user", "user-" + (id % 977));
        r.put("amount", (id % 1000) / 10.0);
        r.put("ts", timeOf(id).toEpochMilli());
        if (v2) {
            r.put("country", "c" + (id % 7));
        }
        return r;
    }

    /** Spread over three days, within each day over the hours. */
    public static Instant timeOf(long id) {
        return FIRST_DAY.plusDays(id % 3).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds((id * 37) % 86_400);
    }

    /** Produces ids {@code [from, to)} round-robin over {@code partitions}, the record time set to the click time; v2 for ids where {@code v2(id)}. */
    public static void produce(KafkaService kafka, ConfluentAvroCodec<GenericRecord> codec, String topic, int partitions, long from, long to,
                        LongPredicate v2) {
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (long id = from; id < to; id++) {
            batch.add(new ProducerRecord<>(topic, (int) (id % partitions), timeOf(id).toEpochMilli(), Long.toString(id).getBytes(),
                    codec.encode(click(id, v2.test(id)))));
            if (batch.size() == 50_000) {
                Topics.produce(kafka, batch);
                batch.clear();
            }
        }
        Topics.produce(kafka, batch);
    }
}
