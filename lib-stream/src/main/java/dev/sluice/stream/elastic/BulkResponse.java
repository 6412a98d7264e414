package dev.sluice.stream.elastic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code _bulk} answer says of each item, read with a streaming parser: when the answer
 * says {@code "errors": false} (its second field, in both Elasticsearch and OpenSearch) the items
 * are not read at all.
 *
 * @param errors false when every item succeeded (then {@code outcomes} is empty)
 * @param outcomes per item, in request order, when {@code errors} is true
 */
record BulkResponse(boolean errors, List<ItemOutcome> outcomes) {

    /** One item's status and, when it failed, the server's error type and reason. */
    record ItemOutcome(int status, String errorType, String reason) {

        boolean succeeded(boolean delete) {
            return status >= 200 && status < 300 || delete && status == 404;
        }

        /** Load or availability, not the document: worth sending again as it is. */
        boolean retriable() {
            return isLoadStatus(status) || errorType != null && errorType.endsWith("rejected_execution_exception");
        }

        /** The short code metrics tag this outcome with: the server's error type, else {@code http_<status>}. */
        String reasonCode() {
            return errorType != null ? errorType : BulkResponse.reasonCode(status);
        }

        String describe() {
            return status + " " + (errorType == null ? "error" : errorType) + (reason == null ? "" : ": " + reason);
        }
    }

    /** 429, 502, 503, 504: the cluster (or a proxy before it) is overloaded or away, not refusing the content. */
    static boolean isLoadStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** {@code http_<status>}, the reason code of an answer that names no error type. */
    static String reasonCode(int status) {
        return "http_" + status;
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_REASON = 500;

    static BulkResponse parse(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            boolean errors = true;
            List<ItemOutcome> outcomes = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("errors")) {
                    errors = p.getBooleanValue();
                    if (!errors) {
                        return new BulkResponse(false, List.of());
                    }
                } else if (name.equals("items")) {
                    expect(p.currentToken(), JsonToken.START_ARRAY, p);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.nextToken(); // the op name: index, create, update, delete
                        p.nextToken();
                        outcomes.add(item(p));
                        p.nextToken(); // the op object's end
                    }
                } else {
                    p.skipChildren();
                }
            }
            return new BulkResponse(errors, outcomes);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable _bulk answer: " + e.getMessage(), e);
        }
    }

    private static ItemOutcome item(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, p);
        int status = 0;
        String type = null;
        String reason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "status" -> status = p.getIntValue();
                case "error" -> {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        String[] error = error(p);
                        type = error[0];
                        reason = error[1];
                    } else {
                        reason = p.getValueAsString();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new ItemOutcome(status, type, reason);
    }

    /** The error's type and reason, with its root cause's appended ("caused by ..."), bounded in length. */
    private static String[] error(JsonParser p) throws IOException {
        String type = null;
        StringBuilder reason = new StringBuilder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "type" -> type = p.getValueAsString();
                case "reason" -> reason.insert(0, p.getValueAsString());
                case "caused_by" -> {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        String[] cause = error(p);
                        reason.append(" (caused by ").append(cause[0]).append(": ").append(cause[1]).append(')');
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        String r = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason.toString();
        return new String[] {type, r};
    }

    private static void expect(JsonToken got, JsonToken wanted, JsonParser p) throws IOException {
        if (got != wanted) {
            throw new IOException("expected " + wanted + " at " + p.currentLocation() + ", got " + got);
        }
    }
}
