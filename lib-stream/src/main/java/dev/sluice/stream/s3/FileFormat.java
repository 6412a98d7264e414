package dev.sluice.stream.s3;

/** The format of the files the S3 sink writes. */
public enum FileFormat {
    /** Avro object container files, blocks compressed as {@link Compression} says. */
    AVRO(".avro"),
    /**
     * Parquet through parquet-avro, standard 3-level lists; timestamps as {@code TIMESTAMP(MICROS)}, never INT96.
     * Needs {@code dev.sluice:sluice-parquet} on the classpath (a pipeline without it fails to start, naming it).
     */
    PARQUET(".parquet");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
