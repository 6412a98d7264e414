package dev.sluice.reference;

import dev.sluice.reference.model.ClickEvent;
import java.sql.Timestamp;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Clicks for the batch tests, and how they land in the lake as a Spark job would find them. */
final class DemoClicks {

    private DemoClicks() {}

    /** Click i: every 10th a bot, every 97th with a country that is not an ISO code. */
    static GenericRecord click(int i) {
        GenericRecord c = new GenericData.Record(ClickEvent.getClassSchema());
        c.put("eventId", "e-" + i);
        c.put("userId", "u-" + i % 311);
        c.put("sessionId", "s-" + i / 20);
        c.put("url", List.of("/", "/products/" + i % 50, "/cart", "/search?q=x", "/about").get(i % 5));
        c.put("referrer", i % 3 == 0 ? null : "https://search.example/?q=" + i);
        c.put("userAgent", i % 10 == 0 ? "Googlebot/2.1" : List.of("Mozilla/5.0 (iPhone) Mobile", "Mozilla/5.0 (Windows NT 10.0)", "Mozilla/5.0 (iPad)").get(i % 3));
        c.put("country", i % 97 == 0 ? "Germany" : List.of("DE", "US", "FR").get(i % 3));
        c.put("durationMs", (long) (i * 37 % 20_000));
        c.put("timestamp", 1_795_507_200_000L + i * 1_000L);
        return c;
    }

    /** Whether click i survives the app's chain: not a bot, and a valid country. */
    static boolean survives(int i) {
        return i % 10 != 0 && i % 97 != 0;
    }

    /** The clicks as Parquet at {@code path}, with Spark's own types (the raw zone's layout). */
    static void writeParquet(SparkSession spark, List<GenericRecord> clicks, String path) {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("eventId", DataTypes.StringType, false), DataTypes.createStructField("userId", DataTypes.StringType, false),
                DataTypes.createStructField("sessionId", DataTypes.StringType, false), DataTypes.createStructField("url", DataTypes.StringType, false),
                DataTypes.createStructField("referrer", DataTypes.StringType, true), DataTypes.createStructField("userAgent", DataTypes.StringType, false),
                DataTypes.createStructField("country", DataTypes.StringType, false), DataTypes.createStructField("durationMs", DataTypes.LongType, false),
                DataTypes.createStructField("timestamp", DataTypes.TimestampType, false)));
        List<Row> rows = clicks.stream().map(c -> RowFactory.create(c.get("eventId"), c.get("userId"), c.get("sessionId"), c.get("url"),
                c.get("referrer"), c.get("userAgent"), c.get("country"), c.get("durationMs"), new Timestamp((Long) c.get("timestamp")))).toList();
        spark.createDataFrame(rows, schema).write().mode("overwrite").parquet(path);
    }
}
