package dev.sluice.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A registry in memory, to isolate the wire-format codec in unit tests. The integration tests
 * use a real registry.
 */
final class InMemoryRegistry implements SchemaRegistryClient {

    private static final long serialVersionUID = 1L;

    final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    final Map<String, List<Integer>> subjects = new ConcurrentHashMap<>();
    int registrations;

    @Override
    public synchronized int register(String subject, Schema schema) {
        registrations++;
        for (Map.Entry<Integer, Schema> e : byId.entrySet()) {
            if (e.getValue().equals(schema)) {
                subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(e.getKey());
                return e.getKey();
            }
        }
        int id = 100 + byId.size();
        byId.put(id, schema);
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema s = byId.get(id);
        if (s == null) {
            throw new SchemaRegistryException("schema " + id + " not found", 404, 40403);
        }
        return s;
    }

    @Override
    public Optional<Registered> latest(String subject) {
        List<Integer> ids = subjects.get(subject);
        return ids == null ? Optional.empty() : Optional.of(new Registered(subject, ids.get(ids.size() - 1), ids.size(), byId.get(ids.get(ids.size() - 1))));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return true;
    }

    @Override
    public void setCompatibility(String subject, String level) {}
}
