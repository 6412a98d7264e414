package dev.sluice.formats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.formats.JsonConversionException.FieldError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * JSON scalars to Avro's generic representation (a timestamp is a long, a decimal a ByteBuffer),
 * for {@link JsonAvroConverter}. Appends an error naming the path instead of throwing.
 */
final class JsonScalars {

    private static final int SHOW_MAX = 60;
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private JsonScalars() {}

    static Object convert(JsonNode node, Schema s, String path, List<FieldError> errors) {
        LogicalType logical = s.getLogicalType();
        try {
            return switch (s.getType()) {
                case STRING -> node.isTextual() ? node.textValue() : fail(node, s, path, errors);
                case BOOLEAN -> node.isBoolean() ? node.booleanValue() : fail(node, s, path, errors);
                case INT -> integer(node, s, logical, path, errors);
                case LONG -> longValue(node, s, logical, path, errors);
                case FLOAT -> node.isNumber() ? node.floatValue() : fail(node, s, path, errors);
                case DOUBLE -> node.isNumber() ? node.doubleValue() : fail(node, s, path, errors);
                case ENUM -> node.isTextual() && s.hasEnumSymbol(node.textValue())
                        ? new GenericData.EnumSymbol(s, node.textValue()) : fail(node, s, path, errors);
                case BYTES -> logical instanceof LogicalTypes.Decimal d ? decimalBytes(node, s, d, path, errors) : bytes(node, s, path, errors);
                case FIXED -> fixed(node, s, logical, path, errors);
                default -> fail(node, s, path, errors);
            };
        } catch (DateTimeParseException | ArithmeticException | IllegalArgumentException e) {
            errors.add(new FieldError(path, "expected " + JsonAvroConverter.JsonValueConverter.describe(s) + ", got " + show(node)
                    + " (" + e.getMessage() + ")"));
            return null;
        }
    }

    private static Object integer(JsonNode node, Schema s, LogicalType logical, String path, List<FieldError> errors) {
        if (logical instanceof LogicalTypes.Date && node.isTextual()) {
            return Math.toIntExact(LocalDate.parse(node.textValue()).toEpochDay());
        }
        if (!node.isIntegralNumber()) {
            return fail(node, s, path, errors);
        }
        if (!node.canConvertToInt()) {
            errors.add(new FieldError(path, "expected int, got " + show(node) + " (out of int range)"));
            return null;
        }
        return node.intValue();
    }

    private static Object longValue(JsonNode node, Schema s, LogicalType logical, String path, List<FieldError> errors) {
        if (node.isTextual() && (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros)) {
            Instant t = Instant.parse(node.textValue());
            return logical instanceof LogicalTypes.TimestampMillis ? t.toEpochMilli()
                    : Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
        }
        if (!node.isIntegralNumber()) {
            return fail(node, s, path, errors);
        }
        if (!node.canConvertToLong()) {
            errors.add(new FieldError(path, "expected long, got " + show(node) + " (out of long range)"));
            return null;
        }
        return node.longValue();
    }

    private static Object decimalBytes(JsonNode node, Schema s, LogicalTypes.Decimal d, String path, List<FieldError> errors) {
        BigDecimal v = decimal(node, d);
        return v == null ? fail(node, s, path, errors) : DECIMALS.toBytes(v, s, d);
    }

    private static Object fixed(JsonNode node, Schema s, LogicalType logical, String path, List<FieldError> errors) {
        if (logical instanceof LogicalTypes.Decimal d) {
            BigDecimal v = decimal(node, d);
            return v == null ? fail(node, s, path, errors) : DECIMALS.toFixed(v, s, d);
        }
        Object b = bytes(node, s, path, errors);
        if (b instanceof ByteBuffer buf) {
            if (buf.remaining() != s.getFixedSize()) {
                errors.add(new FieldError(path, "expected " + s.getFixedSize() + " bytes, got " + buf.remaining()));
                return null;
            }
            return new GenericData.Fixed(s, buf.array());
        }
        return null;
    }

    /** A decimal from a JSON number or numeric string, at the schema's scale (never silently rounded). */
    private static BigDecimal decimal(JsonNode node, LogicalTypes.Decimal d) {
        BigDecimal v = node.isNumber() ? node.decimalValue() : node.isTextual() ? new BigDecimal(node.textValue().trim()) : null;
        if (v == null) {
            return null;
        }
        BigDecimal scaled = v.setScale(d.getScale(), RoundingMode.UNNECESSARY);
        if (scaled.precision() > d.getPrecision()) {
            throw new ArithmeticException("precision " + scaled.precision() + " exceeds decimal(" + d.getPrecision() + "," + d.getScale() + ")");
        }
        return scaled;
    }

    /** Bytes are base64 text in JSON. */
    private static Object bytes(JsonNode node, Schema s, String path, List<FieldError> errors) {
        if (!node.isTextual()) {
            return fail(node, s, path, errors);
        }
        return ByteBuffer.wrap(Base64.getDecoder().decode(node.textValue()));
    }

    private static Object fail(JsonNode node, Schema s, String path, List<FieldError> errors) {
        errors.add(new FieldError(path, "expected " + JsonAvroConverter.JsonValueConverter.describe(s) + ", got " + show(node)));
        return null;
    }

    /** A JSON value as it appeared, shortened: {@code "abc"}, {@code 12.5}, {@code {...}}. */
    static String show(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        String text = node.toString();
        return text.length() <= SHOW_MAX ? text : text.substring(0, SHOW_MAX) + "...";
    }

}
