package dev.sluice.catalog.pinot;

import dev.sluice.api.Require;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a batch output (the files of one partition, such as a day) into an OFFLINE table, one
 * segment per file, named {@code <table>_<partition>_<n>} so that pushing the same partition again
 * replaces its segments instead of adding to them.
 */
public final class SegmentPush {

    private static final Logger log = LoggerFactory.getLogger(SegmentPush.class);

    private final PinotAdmin admin;

    public SegmentPush(PinotAdmin admin) {
        this.admin = Require.nonNull(admin, "admin");
    }

    /**
     * @param table     the OFFLINE table (raw name)
     * @param partition what the files hold, for segment names: {@code 2026-11-24}
     * @param files     the partition's files, in a stable order (sorted by the caller's listing)
     * @param format    {@code parquet}, {@code avro}, {@code json} or {@code csv}
     * @return the segment names pushed
     */
    public List<String> push(String table, String partition, List<Path> files, String format) {
        Require.nonBlank(partition, "partition");
        if (!partition.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("partition \"" + partition + "\" must be letters, digits, '_', '.' or '-' (it names segments)");
        }
        List<Path> sorted = files.stream().sorted().toList();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            String name = table + "_" + partition + "_" + i;
            admin.pushFile(table, sorted.get(i), format, name);
            names.add(name);
        }
        log.info("Pushed {} segment(s) of {} into {}_OFFLINE", names.size(), partition, table);
        return names;
    }
}
