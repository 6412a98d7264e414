package dev.sluice.stream.s3;

import dev.sluice.api.metrics.MetricGroup;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * One S3 sink writer's own metrics, all tagged {@code component}: {@code sluice.sink.files}
 * (counter, tag {@code reason}: why the file was closed), {@code sluice.sink.bytes} (counter),
 * {@code sluice.sink.upload.time} (histogram: one file's upload) and {@code sluice.sink.open.files}
 * (gauge). Thread-safe: the writer's thread sets the gauge, its upload threads count the files.
 */
final class S3SinkMetrics {

    private final Map<RotationReason, MetricGroup.LongCounter> files = new EnumMap<>(RotationReason.class);
    private final MetricGroup.LongCounter bytes;
    private final MetricGroup.DurationHistogram uploads;
    private final MetricGroup.LongGauge openFiles;

    S3SinkMetrics(MetricGroup group, String component) {
        for (RotationReason r : RotationReason.values()) {
            files.put(r, group.counter("sluice.sink.files", "Files a sink made durable, by the reason they were closed",
                    "component", component, "reason", r.tag()));
        }
        this.bytes = group.counter("sluice.sink.bytes", "Bytes of the files a sink made durable", "component", component);
        this.uploads = group.histogram("sluice.sink.upload.time", "Time to upload one file", "component", component);
        this.openFiles = group.gauge("sluice.sink.open.files", "Files a sink writer has open", "component", component);
    }

    /** A file is durable: why it was closed, its size, how long its upload took. */
    void fileWritten(RotationReason reason, long size, Duration upload) {
        files.get(reason).add(1);
        bytes.add(size);
        uploads.record(upload);
    }

    void openFiles(int open) {
        openFiles.set(open);
    }
}
