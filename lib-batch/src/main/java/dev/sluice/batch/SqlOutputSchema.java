package dev.sluice.batch;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The Avro record a streaming SQL query writes, derived from its Spark output type: one field per
 * column, a {@code window(...)} column (a struct of {@code start} and {@code end}) as the two
 * fields {@code <name>_start} and {@code <name>_end}, timestamps as {@code timestamp-millis},
 * nullable columns as unions with null. Other nested types are refused, naming the column.
 *
 * @param schema  the Avro schema
 * @param columns the select that turns the query's rows into the schema's fields, in order
 * @param windows the names of the window columns (each became {@code <name>_start} and {@code <name>_end})
 */
record SqlOutputSchema(Schema schema, List<Column> columns, List<String> windows) {

    private static final String NAMESPACE = "dev.sluice.sql";

    static SqlOutputSchema of(SqlStatement statement, StructType type) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(statement.name()).namespace(NAMESPACE)
                .doc("Rows of " + statement.kind() + " " + statement.name() + " (" + statement.where() + ")").fields();
        List<Column> columns = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        for (StructField f : type.fields()) {
            if (!f.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw statement.error("the column '" + f.name() + "' needs a name that is an identifier: add AS <name>");
            }
            if (isWindow(f.dataType())) {
                windows.add(f.name());
                for (String end : List.of("start", "end")) {
                    String name = f.name() + "_" + end;
                    fields = optional(fields.name(name), millis(), f.nullable());
                    columns.add(functions.col("`" + f.name() + "`." + end).as(name));
                }
            } else {
                fields = optional(fields.name(f.name()), avro(statement, f), f.nullable());
                columns.add(functions.col("`" + f.name() + "`"));
            }
        }
        return new SqlOutputSchema(fields.endRecord(), List.copyOf(columns), List.copyOf(windows));
    }

    private static SchemaBuilder.FieldAssembler<Schema> optional(SchemaBuilder.FieldBuilder<Schema> field, Schema type, boolean nullable) {
        return nullable ? field.type(Schema.createUnion(Schema.create(Schema.Type.NULL), type)).withDefault(null) : field.type(type).noDefault();
    }

    private static boolean isWindow(DataType t) {
        return t instanceof StructType s && s.fields().length == 2 && s.fields()[0].name().equals("start") && s.fields()[1].name().equals("end")
                && s.fields()[0].dataType() instanceof TimestampType;
    }

    private static Schema millis() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static Schema avro(SqlStatement statement, StructField f) {
        DataType t = f.dataType();
        if (t instanceof StringType) {
            return Schema.create(Schema.Type.STRING);
        } else if (t instanceof LongType) {
            return Schema.create(Schema.Type.LONG);
        } else if (t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType) {
            return Schema.create(Schema.Type.INT);
        } else if (t instanceof DoubleType) {
            return Schema.create(Schema.Type.DOUBLE);
        } else if (t instanceof FloatType) {
            return Schema.create(Schema.Type.FLOAT);
        } else if (t instanceof BooleanType) {
            return Schema.create(Schema.Type.BOOLEAN);
        } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return millis();
        } else if (t instanceof DateType) {
            return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        } else if (t instanceof DecimalType d) {
            return LogicalTypes.decimal(d.precision(), d.scale()).addToSchema(Schema.create(Schema.Type.BYTES));
        } else if (t instanceof BinaryType) {
            return Schema.create(Schema.Type.BYTES);
        }
        throw statement.error("the column " + f.name() + " is a " + t.simpleString()
                + ", which the output cannot hold (strings, numbers, booleans, timestamps, dates, decimals, bytes and window(...))");
    }
}
