package dev.sluice.batch;

import dev.sluice.api.graph.LineageDataset;
import org.apache.avro.Schema;

/** The lineage name of a lake table: {@code s3a://bucket/prefix} is S3's {@code bucket/prefix}, an Iceberg table is {@code iceberg}'s {@code db.table}. */
final class LakeDatasets {

    private LakeDatasets() {}

    static LineageDataset of(BatchInput input, Schema schema) {
        return input.format() == BatchInput.Format.ICEBERG ? iceberg(input.location(), schema) : of(input.location(), schema);
    }

    static LineageDataset of(BatchOutput output, Schema schema) {
        if (output instanceof BatchOutput.IcebergTable t) {
            return iceberg(t.table(), schema);
        }
        return of(((BatchOutput.ParquetFiles) output).path(), schema);
    }

    /** A path: S3's for {@code s3a://}, {@code s3://} and {@code s3n://}, else a file's. */
    static LineageDataset of(String path, Schema schema) {
        for (String scheme : new String[] {"s3a://", "s3://", "s3n://"}) {
            if (path.startsWith(scheme)) {
                return new LineageDataset("s3", trim(path.substring(scheme.length())), schema);
            }
        }
        return new LineageDataset("file", trim(path.replaceFirst("^file:(//)?", "")), schema);
    }

    /** The catalog name is the engine's, not the table's: {@code <catalog>.<db>.<table>} is {@code <db>.<table>}. */
    private static LineageDataset iceberg(String table, Schema schema) {
        int dot = table.indexOf('.');
        return new LineageDataset("iceberg", dot < 0 ? table : table.substring(dot + 1), schema);
    }

    private static String trim(String path) {
        return path.replaceAll("/+$", "");
    }
}
