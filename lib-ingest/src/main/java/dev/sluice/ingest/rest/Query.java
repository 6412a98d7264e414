package dev.sluice.ingest.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds request URIs: the base URI's own query, then the given parameters, percent-encoded. */
final class Query {

    private Query() {}

    static URI with(URI base, Map<String, String> query, String k1, String v1, String k2, String v2) {
        Map<String, String> all = new LinkedHashMap<>(query);
        if (k1 != null && v1 != null) {
            all.put(k1, v1);
        }
        if (k2 != null && v2 != null) {
            all.put(k2, v2);
        }
        String extra = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String s = base.toString();
        if (extra.isEmpty()) {
            return base;
        }
        return URI.create(s + (base.getRawQuery() == null ? "?" : "&") + extra);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
