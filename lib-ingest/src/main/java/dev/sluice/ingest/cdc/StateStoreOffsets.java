package dev.sluice.ingest.cdc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ingest.state.KafkaStateStore;
import dev.sluice.ingest.state.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Debezium's offsets kept in Sluice's {@link KafkaStateStore} (one compacted topic for every
 * source's state) under the source's name: the engine instantiates this class by name and finds
 * the topic in its own properties ({@value #BOOTSTRAP}, {@value #TOPIC}, {@value #KEY}).
 * Every {@code set} from the engine stores the whole offset map, which is small (one entry per
 * connector partition).
 */
public final class StateStoreOffsets extends MemoryOffsetBackingStore {

    static final String BOOTSTRAP = "sluice.offsets.bootstrap.servers";
    static final String TOPIC = "sluice.offsets.topic";
    static final String KEY = "sluice.offsets.key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateStore store;
    private String key;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> p = config.originals();
        this.key = String.valueOf(p.get(KEY));
        this.store = KafkaStateStore.Topic.of(String.valueOf(p.get(BOOTSTRAP)), String.valueOf(p.get(TOPIC))).open();
    }

    @Override
    public synchronized void start() {
        super.start();
        store.get(key).ifPresent(json -> {
            try {
                Map<String, String> stored = JSON.readValue(json, new TypeReference<Map<String, String>>() {});
                stored.forEach((k, v) -> data.put(decode(k), v == null ? null : decode(v)));
            } catch (IOException e) {
                throw new UncheckedIOException("CDC offsets of " + key + " are not readable", e);
            }
        });
    }

    @Override
    protected void save() {
        Map<String, String> out = new HashMap<>();
        data.forEach((k, v) -> out.put(encode(k), v == null ? null : encode(v)));
        try {
            store.put(key, JSON.writeValueAsString(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        super.stop();
        store.close();
    }

    /** The partitions stored for a connector: keys are Kafka Connect's JSON {@code ["name", {partition}]}. */
    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        Set<Map<String, Object>> out = new HashSet<>();
        for (ByteBuffer k : data.keySet()) {
            try {
                JsonNode node = JSON.readTree(StandardCharsets.UTF_8.decode(k.duplicate()).toString());
                if (node.isArray() && node.size() == 2 && connectorName.equals(node.get(0).asText())) {
                    out.add(JSON.convertValue(node.get(1), new TypeReference<Map<String, Object>>() {}));
                }
            } catch (IOException e) {
                // a key in another format belongs to no connector we know
            }
        }
        return out;
    }

    private static String encode(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static ByteBuffer decode(String s) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(s));
    }
}
