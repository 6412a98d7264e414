package dev.sluice.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentRegistryClient;
import dev.sluice.formats.SchemaRegistryClient;
import dev.sluice.formats.SchemaRegistryException;
import dev.sluice.testkit.ServiceExtension;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry client against a real Confluent-compatible registry (Apicurio's ccompat API). */
class SchemaRegistryIT {

    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    private static final Schema V1 = SchemaBuilder.record("Customer").namespace("dev.sluice.it").fields()
            .requiredString("id").requiredString("name").endRecord();
    private static final Schema V2_COMPATIBLE = SchemaBuilder.record("Customer").namespace("dev.sluice.it").fields()
            .requiredString("id").requiredString("name").name("tier").type().stringType().stringDefault("basic").endRecord();
    private static final Schema V2_INCOMPATIBLE = SchemaBuilder.record("Customer").namespace("dev.sluice.it").fields()
            .requiredString("id").requiredString("name").requiredLong("createdAt").endRecord();

    @Test
    void registersFindsByIdAndIsIdempotent() {
        ConfluentRegistryClient client = REGISTRY.get().client();
        String subject = Fixtures.topic("customers") + "-value";
        int id = client.register(subject, V1);
        assertThat(REGISTRY.get().client().register(subject, V1)).isEqualTo(id);
        assertThat(REGISTRY.get().client().getById(id)).isEqualTo(V1);
        assertThat(client.latest(subject)).hasValueSatisfying(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.version()).isEqualTo(1);
        });
        assertThat(client.latest(subject + "-missing")).isEmpty();
    }

    @Test
    void anIncompatibleSchemaIsRefusedWithTheRegistrysReason() {
        SchemaRegistryClient client = REGISTRY.get().client();
        String subject = Fixtures.topic("customers") + "-value";
        client.register(subject, V1);
        client.setCompatibility(subject, "BACKWARD");

        assertThat(client.isCompatible(subject, V2_COMPATIBLE)).isTrue();
        assertThat(client.isCompatible(subject, V2_INCOMPATIBLE)).isFalse();
        assertThatThrownBy(() -> client.register(subject, V2_INCOMPATIBLE))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("schema registry refused to register schema dev.sluice.it.Customer under subject " + subject)
                .hasMessageContaining("HTTP 409")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));
        assertThat(client.register(subject, V2_COMPATIBLE)).isPositive();
    }

    @Test
    void anUnknownIdIsANotFoundRefusal() {
        assertThatThrownBy(() -> REGISTRY.get().client().getById(987_654))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(404));
    }
}
