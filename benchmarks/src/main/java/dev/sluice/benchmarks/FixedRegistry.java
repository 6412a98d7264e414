package dev.sluice.benchmarks;

import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.formats.SchemaRegistryException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A registry in memory. Codecs ask a registry once per schema and cache the answer, so the steady
 * state measured here is the same as with a remote registry; this keeps a registry process off
 * the benchmark machine's two cores.
 */
public final class FixedRegistry implements SchemaRegistryClient {

    private static final long serialVersionUID = 1L;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> ids = new ConcurrentHashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        return ids.computeIfAbsent(schema, s -> {
            int id = ids.size() + 1;
            byId.put(id, s);
            return id;
        });
    }

    @Override
    public Schema getById(int id) {
        Schema s = byId.get(id);
        if (s == null) {
            throw new SchemaRegistryException("no schema " + id, 404, 40403);
        }
        return s;
    }

    @Override
    public Optional<Registered> latest(String subject) {
        return Optional.empty();
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return true;
    }

    @Override
    public void setCompatibility(String subject, String level) {}
}
