package dev.sluice.testkit;

import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.PostgresService;
import dev.sluice.embedded.S3Service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The testkit's services are real: a broker that stores and serves, an S3 API, a Postgres with logical WAL. */
class InJvmServicesIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();

    @RegisterExtension
    static final ServiceExtension<S3Service> S3 = ServiceExtension.s3();

    @RegisterExtension
    static final ServiceExtension<PostgresService> POSTGRES = ServiceExtension.postgres();

    @Test
    void readingATopicWaitsForItToExistAndNamesOneThatNeverDoes() throws Exception {
        assertThatThrownBy(() -> Topics.read(KAFKA.get(), "testkit-never-created", 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessage("topic testkit-never-created does not exist (waited PT1S for it)");

        Thread creator = new Thread(() -> {
            try {
                Thread.sleep(500);
                KAFKA.get().createTopic("testkit-late", 1);
                Topics.produceValues(KAFKA.get(), "testkit-late", List.of("late".getBytes(StandardCharsets.UTF_8)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        creator.start();
        assertThat(Topics.read(KAFKA.get(), "testkit-late", 1, Duration.ofSeconds(30))).hasSize(1);
        creator.join();
    }

    @Test
    void kafkaStoresAndServesRecords() {
        KAFKA.get().createTopic("testkit-kafka", 3);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 30; i++) {
                p.send(new ProducerRecord<>("testkit-kafka", "k" + i, "v" + i));
            }
        }
        List<String> got = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "testkit", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("testkit-kafka"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got.size() < 30 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    got.add(r.value());
                }
            }
        }
        assertThat(got).hasSize(30).contains("v0", "v29");
    }

    @Test
    void s3ServesTheS3Api() {
        S3.get().createBucket("testkit");
        try (S3Client s3 = S3.get().client()) {
            s3.putObject(b -> b.bucket("testkit").key("dt=2026-11-24/part-0.txt"), RequestBody.fromString("hello"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("testkit").key("dt=2026-11-24/part-0.txt")).asString(StandardCharsets.UTF_8))
                    .isEqualTo("hello");
            assertThat(s3.listObjectsV2(b -> b.bucket("testkit").prefix("dt=")).contents()).hasSize(1);
        }
        assertThat(S3.get().endpoint().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void postgresIsReadyForLogicalDecoding() throws Exception {
        try (Connection c = POSTGRES.get().connect(); Statement s = c.createStatement()) {
            s.execute("create table orders (id int primary key, amount numeric(10,2))");
            s.execute("insert into orders values (1, 9.50)");
            try (ResultSet rs = s.executeQuery("select amount from orders where id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("9.50");
            }
            try (ResultSet rs = s.executeQuery("show wal_level")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
            }
            try (ResultSet rs = s.executeQuery("show synchronous_commit")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
        }
    }
}
