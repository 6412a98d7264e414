package dev.sluice.batch;

import dev.sluice.api.graph.LineageDataset;
import org.apache.avro.Schema;

/** The lineage name of a lake location: {@code s3a://bucket/prefix} is S3's {@code bucket/prefix}, an Iceberg table is {@code iceberg}'s. */
final class LakeDatasets {

    private LakeDatasets() {}

    static LineageDataset of(String location, Schema schema) {
        if (location.startsWith(BatchJob.ICEBERG)) {
            String table = location.substring(BatchJob.ICEBERG.length());
            int dot = table.indexOf('.');
            return new LineageDataset("iceberg", dot < 0 ? table : table.substring(dot + 1), schema);
        }
        for (String scheme : new String[] {"s3a://", "s3://", "s3n://"}) {
            if (location.startsWith(scheme)) {
                return new LineageDataset("s3", trim(location.substring(scheme.length())), schema);
            }
        }
        return new LineageDataset("file", trim(location.replaceFirst("^file:(//)?", "")), schema);
    }

    private static String trim(String path) {
        return path.replaceAll("/+$", "");
    }
}
