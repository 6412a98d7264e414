package dev.sluice.stream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Envelope;
import dev.sluice.api.EnvelopeHeaders;
import dev.sluice.api.Position;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class IndexNamingTest {

    static Envelope<GenericRecord> at(String time) {
        return Envelope.<GenericRecord>of(null, null, EnvelopeHeaders.empty(), Position.none(), Instant.parse(time), null);
    }

    @Test
    void timeBasedNamesFollowTheEventTimeInUtcAcrossHoursAndMinutes() {
        IndexNaming.Resolver daily = IndexNaming.daily("clicks").resolver();
        IndexNaming.Resolver minutes = IndexNaming.byTime("clicks", "yyyy.MM.dd.HH.mm").resolver();

        assertThat(daily.indexFor(at("2026-12-01T23:59:59Z"))).isEqualTo("clicks-2026.12.01");
        assertThat(daily.indexFor(at("2026-12-02T00:00:00Z"))).isEqualTo("clicks-2026.12.02");
        assertThat(minutes.indexFor(at("2026-12-01T10:01:00Z"))).isEqualTo("clicks-2026.12.01.10.01");
        assertThat(minutes.indexFor(at("2026-12-01T10:02:00Z"))).as("not cached per hour").isEqualTo("clicks-2026.12.01.10.02");
        assertThat(IndexNaming.daily("clicks").searchPattern()).isEqualTo("clicks-*");
        assertThat(IndexNaming.alias("clicks").resolver().indexFor(at("2026-12-01T00:00:00Z"))).isEqualTo("clicks");
    }

    @Test
    void namesTheClusterWouldRefuseAreRefusedAtConfiguration() {
        assertThatThrownBy(() -> IndexNaming.fixed("Clicks")).hasMessageContaining("lower case");
        assertThatThrownBy(() -> IndexNaming.fixed("_clicks")).hasMessageContaining("'_'");
        assertThatThrownBy(() -> IndexNaming.byTime("clicks", "yyyy-bb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void documentIdsComeFromTheKeyAFieldOrThePosition() {
        GenericRecord v = new GenericData.Record(ElasticSinkTests.CODED);
        v.put("id", 42L);
        v.put("code", "x");
        Position.Kafka pos = new Position.Kafka("clicks", 3, 1045);
        Envelope<GenericRecord> keyed = Envelope.of(v, "user-1".getBytes(StandardCharsets.UTF_8), EnvelopeHeaders.empty(), pos, Instant.now(), null);
        Envelope<GenericRecord> binaryKey = keyed.withKey(new byte[] {(byte) 0xff, 0x00});
        Envelope<GenericRecord> unkeyed = keyed.withKey(null);

        assertThat(DocumentIds.keyOrPosition().idFor(keyed)).isEqualTo("user-1");
        assertThat(DocumentIds.keyOrPosition().idFor(binaryKey)).as("URL-safe base64 of a key that is not UTF-8").isEqualTo("_wA");
        assertThat(DocumentIds.keyOrPosition().idFor(unkeyed)).isEqualTo("clicks-3-1045");
        assertThat(DocumentIds.position().idFor(keyed)).isEqualTo("clicks-3-1045");
        assertThat(DocumentIds.field("id").idFor(keyed)).isEqualTo("42");
        assertThat(DocumentIds.keyOrPosition().idFor(Envelope.of(v))).as("nothing names it: the cluster assigns the id").isNull();
        assertThatThrownBy(() -> DocumentIds.keyOrPosition().idFor(unkeyed.withValue(null))).hasMessageContaining("tombstone without a key");
    }
}
