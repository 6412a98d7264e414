package dev.sluice.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a REST source stands, as stored: the cycle's watermark, the page to fetch next (null for
 * the first) and how many of its items are done, the highest watermark value seen, and when the
 * cycle started (epoch ms). Stored as JSON.
 */
record ListingState(String wm, String page, int skip, String max, long started) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state of a REST source is plain JSON", e);
        }
    }

    static ListingState fromJson(String source, String json) {
        try {
            return JSON.readValue(json, ListingState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("REST source " + source + ": stored state is not readable (" + e.getOriginalMessage()
                    + "); delete its key from the state topic to start over", e);
        }
    }
}
