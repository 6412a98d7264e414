package dev.sluice.api.graph;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import java.io.Serializable;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A dataset a pipeline reads or writes: a Kafka topic, an S3 path, a Pinot or database table.
 *
 * @param platform the platform, as DataHub names it: {@code kafka}, {@code s3}, {@code pinot}, {@code postgres}, ...
 * @param name     the name within the platform: a topic, {@code bucket/prefix}, {@code db.schema.table}
 * @param schema   the Avro schema of its records, or null when unknown
 */
@Public
public record LineageDataset(String platform, String name, Schema schema) implements Serializable {

    private static final long serialVersionUID = 1L;

    public LineageDataset {
        Require.nonBlank(platform, "platform");
        Require.nonBlank(name, "name");
        if (!platform.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("platform must be lower-case letters, digits, '_' or '-', got \"" + platform + "\"");
        }
    }

    public static LineageDataset kafkaTopic(String topic, Schema schema) {
        return new LineageDataset("kafka", topic, schema);
    }

    public Optional<Schema> schemaIfKnown() {
        return Optional.ofNullable(schema);
    }

    /** The DataHub dataset URN in the PROD environment. */
    public String urn() {
        return "urn:li:dataset:(urn:li:dataPlatform:" + platform + "," + name + ",PROD)";
    }
}
