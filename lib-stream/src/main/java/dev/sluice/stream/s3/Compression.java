package dev.sluice.stream.s3;

import org.apache.avro.file.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** How the S3 sink compresses file blocks and pages. Every engine reads all of these in both formats. */
public enum Compression {
    /** Fast, moderate ratio: the default, as in Spark and Kafka Connect. */
    SNAPPY(CompressionCodecName.SNAPPY),
    /** Smaller files for more CPU (level 3). */
    ZSTD(CompressionCodecName.ZSTD),
    /** None: the least CPU, the most bytes to upload and store. */
    NONE(CompressionCodecName.UNCOMPRESSED);

    private final CompressionCodecName parquet;

    Compression(CompressionCodecName parquet) {
        this.parquet = parquet;
    }

    /** This compression as parquet-mr's codec name. */
    public CompressionCodecName parquet() {
        return parquet;
    }

    /** This compression as an Avro container codec (zstd at level 3). */
    public CodecFactory avro() {
        return switch (this) {
            case SNAPPY -> CodecFactory.snappyCodec();
            case ZSTD -> CodecFactory.zstandardCodec(3);
            case NONE -> CodecFactory.nullCodec();
        };
    }
}
