package dev.sluice.formats;

import java.io.Serializable;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A Confluent-compatible schema registry: subjects, versions and global schema ids.
 *
 * <p>Contract: thread-safe, serializable (a client travels inside a codec). Registering a schema
 * already registered under the subject returns its existing id. A registry that cannot be reached
 * raises {@link dev.sluice.api.error.RetriableException}; a refusal (incompatible schema, unknown
 * id) raises {@link SchemaRegistryException} with the registry's own message.
 */
public interface SchemaRegistryClient extends Serializable {

    /** Registers {@code schema} under {@code subject} (or finds it) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema getById(int id);

    /** The latest version registered under {@code subject}, if any. */
    Optional<Registered> latest(String subject);

    /** Whether {@code schema} could be registered under {@code subject} given its compatibility level. */
    boolean isCompatible(String subject, Schema schema);

    /** Sets the subject's compatibility level: BACKWARD, FORWARD, FULL, NONE and their _TRANSITIVE forms. */
    void setCompatibility(String subject, String level);

    /** A registered schema. */
    record Registered(String subject, int id, int version, Schema schema) {}

    /** The subject for a topic's values under the default TopicNameStrategy: {@code <topic>-value}. */
    static String valueSubject(String topic) {
        return topic + "-value";
    }
}
