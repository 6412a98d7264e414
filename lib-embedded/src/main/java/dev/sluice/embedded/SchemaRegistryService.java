package dev.sluice.embedded;

import dev.sluice.formats.ConfluentRegistryClient;
import dev.sluice.formats.RegistryConfig;

/**
 * A real Confluent-compatible schema registry: Apicurio Registry (in-memory storage) serving the
 * Confluent API at {@code /apis/ccompat/v7}, in a child JVM here; lib-testkit adds a container where
 * Docker exists. See {@link RegistryDistribution} for how the child JVM's distribution is found.
 */
public interface SchemaRegistryService extends AutoCloseable {

    /** The Confluent-compatible base URL, for example {@code http://127.0.0.1:40123/apis/ccompat/v7}. */
    String url();

    /** Apicurio in a child JVM. */
    static SchemaRegistryService start() {
        return ApicurioProcess.start();
    }

    /** A Sluice client for this registry. */
    default ConfluentRegistryClient client() {
        return new ConfluentRegistryClient(RegistryConfig.of(url()));
    }

    @Override
    void close();
}
