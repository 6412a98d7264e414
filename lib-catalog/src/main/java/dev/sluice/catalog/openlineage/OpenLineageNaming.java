package dev.sluice.catalog.openlineage;

import dev.sluice.api.Require;
import dev.sluice.api.graph.LineageDataset;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenLineage dataset names from Sluice datasets, after the OpenLineage naming spec: S3
 * {@code bucket/prefix} becomes namespace {@code s3://bucket}, name {@code prefix}; other platforms
 * take their namespace from {@code namespaces} (Kafka: {@code kafka://broker:9092}), or
 * {@code <platform>://default} when none is given.
 *
 * @param jobNamespace the namespace of Sluice's jobs
 * @param namespaces   per platform, the namespace of its datasets
 */
public record OpenLineageNaming(String jobNamespace, Map<String, String> namespaces) {

    public OpenLineageNaming {
        Require.nonBlank(jobNamespace, "jobNamespace");
        namespaces = Map.copyOf(Require.nonNull(namespaces, "namespaces"));
    }

    public static OpenLineageNaming of(String jobNamespace) {
        return new OpenLineageNaming(jobNamespace, Map.of());
    }

    /** The namespace of a platform's datasets, such as {@code kafka://broker-1:9092}. */
    public OpenLineageNaming withNamespace(String platform, String namespace) {
        Map<String, String> m = new HashMap<>(namespaces);
        m.put(platform, namespace);
        return new OpenLineageNaming(jobNamespace, m);
    }

    String namespace(LineageDataset d) {
        if (d.platform().equals("s3") && !namespaces.containsKey("s3")) {
            int slash = d.name().indexOf('/');
            return "s3://" + (slash < 0 ? d.name() : d.name().substring(0, slash));
        }
        return namespaces.getOrDefault(d.platform(), d.platform() + "://default");
    }

    String name(LineageDataset d) {
        if (d.platform().equals("s3") && !namespaces.containsKey("s3")) {
            int slash = d.name().indexOf('/');
            return slash < 0 ? "/" : d.name().substring(slash + 1);
        }
        return d.name();
    }
}
