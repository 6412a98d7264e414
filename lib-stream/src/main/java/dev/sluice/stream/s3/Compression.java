package dev.sluice.stream.s3;

import org.apache.avro.file.CodecFactory;

/** How the S3 sink compresses file blocks and pages. Every engine reads all of these in both formats. */
public enum Compression {
    /** Fast, moderate ratio: the default, as in Spark and Kafka Connect. */
    SNAPPY("SNAPPY"),
    /** Smaller files for more CPU (level 3). */
    ZSTD("ZSTD"),
    /** None: the least CPU, the most bytes to upload and store. */
    NONE("UNCOMPRESSED");

    private final String parquetCodec;

    Compression(String parquetCodec) {
        this.parquetCodec = parquetCodec;
    }

    /** This compression by parquet-mr's codec name ({@code CompressionCodecName}). */
    public String parquetCodec() {
        return parquetCodec;
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
