package dev.sluice.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Require;
import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an API splits a listing into pages. A page is named by a token (a page number, an offset, a
 * cursor or a URL; null for the first page), which is what the source stores to resume there.
 */
public sealed interface Pagination extends Serializable {

    /** The request for the page named {@code token}; {@code query} holds the fixed and watermark parameters. */
    URI request(URI base, Map<String, String> query, String token);

    /** The token of the page after this one, or null when this was the last. */
    String next(String token, URI requested, JsonNode body, Map<String, List<String>> headers, int items);

    /** {@code ?page=N&size=M}, first page {@code first}; a page shorter than {@code size} is the last. */
    record PageNumber(String pageParam, String sizeParam, int size, int first) implements Pagination {
        public PageNumber {
            Require.nonBlank(pageParam, "pageParam");
            Require.atLeast(size, 1, "size");
        }

        @Override
        public URI request(URI base, Map<String, String> query, String token) {
            return Query.with(base, query, pageParam, token == null ? Integer.toString(first) : token, sizeParam, Integer.toString(size));
        }

        @Override
        public String next(String token, URI requested, JsonNode body, Map<String, List<String>> headers, int items) {
            return items < size ? null : Long.toString((token == null ? first : Long.parseLong(token)) + 1);
        }
    }

    /** {@code ?offset=N&limit=M}; a page shorter than {@code limit} is the last. */
    record Offset(String offsetParam, String limitParam, int limit) implements Pagination {
        public Offset {
            Require.nonBlank(offsetParam, "offsetParam");
            Require.atLeast(limit, 1, "limit");
        }

        @Override
        public URI request(URI base, Map<String, String> query, String token) {
            return Query.with(base, query, offsetParam, token == null ? "0" : token, limitParam, Integer.toString(limit));
        }

        @Override
        public String next(String token, URI requested, JsonNode body, Map<String, List<String>> headers, int items) {
            return items < limit ? null : Long.toString((token == null ? 0 : Long.parseLong(token)) + items);
        }
    }

    /** {@code ?cursor=C}, the next cursor at a JSON pointer in the body; missing, null or empty ends the listing. */
    record Cursor(String cursorParam, String nextCursorPointer) implements Pagination {
        public Cursor {
            Require.nonBlank(cursorParam, "cursorParam");
            Require.nonBlank(nextCursorPointer, "nextCursorPointer");
        }

        @Override
        public URI request(URI base, Map<String, String> query, String token) {
            return Query.with(base, query, token == null ? null : cursorParam, token, null, null);
        }

        @Override
        public String next(String token, URI requested, JsonNode body, Map<String, List<String>> headers, int items) {
            JsonNode n = body.at(nextCursorPointer);
            return n.isMissingNode() || n.isNull() || n.asText().isEmpty() || items == 0 ? null : n.asText();
        }
    }

    /** RFC 8288 {@code Link: <https://...>; rel="next"} (GitHub's style); the token is the next page's URL. */
    record LinkHeader() implements Pagination {
        private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

        @Override
        public URI request(URI base, Map<String, String> query, String token) {
            return token != null ? URI.create(token) : Query.with(base, query, null, null, null, null);
        }

        @Override
        public String next(String token, URI requested, JsonNode body, Map<String, List<String>> headers, int items) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("link")) {
                    for (String v : h.getValue()) {
                        Matcher m = NEXT.matcher(v);
                        if (m.find()) {
                            return requested.resolve(m.group(1)).toString();
                        }
                    }
                }
            }
            return null;
        }
    }
}
