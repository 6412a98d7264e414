package dev.sluice.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Require;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * How a REST source asks only for what changed since its last listing. Each listing (a cycle
 * through all pages) sends the cycle's watermark as a query parameter; the next cycle's watermark
 * is the highest value of a field among the items read ({@link Kind#FIELD}), or the time the
 * previous cycle began ({@link Kind#REQUEST_TIME}). Values compare as numbers when both parse as
 * numbers, else as text (ISO-8601 instants of one format sort as text). Whether the API's
 * parameter is inclusive is the API's: an inclusive one repeats the boundary items (at-least-once).
 *
 * @param kind    none, field or request time
 * @param pointer JSON pointer to the field in an item ({@link Kind#FIELD} only)
 * @param param   the query parameter carrying the watermark
 * @param initial the first cycle's watermark; null sends no parameter
 */
public record Watermark(Kind kind, String pointer, String param, String initial) implements Serializable {

    public enum Kind { NONE, FIELD, REQUEST_TIME }

    public Watermark {
        Require.nonNull(kind, "kind");
        if (kind != Kind.NONE) {
            Require.nonBlank(param, "param");
        }
        if (kind == Kind.FIELD) {
            Require.nonBlank(pointer, "pointer");
        }
    }

    /** Every cycle lists everything (for APIs whose cursor itself continues, or small listings). */
    public static Watermark none() {
        return new Watermark(Kind.NONE, null, null, null);
    }

    public static Watermark field(String pointer, String param, String initial) {
        return new Watermark(Kind.FIELD, pointer, param, initial);
    }

    public static Watermark requestTime(String param, String initial) {
        return new Watermark(Kind.REQUEST_TIME, null, param, initial);
    }

    /** The item's watermark value, or null when the kind is not FIELD or the item lacks it. */
    String valueOf(JsonNode item) {
        if (kind != Kind.FIELD) {
            return null;
        }
        JsonNode n = item.at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) >= 0 ? a : b;
        } catch (NumberFormatException e) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
