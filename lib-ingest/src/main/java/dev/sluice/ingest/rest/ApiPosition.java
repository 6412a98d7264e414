package dev.sluice.ingest.rest;

import dev.sluice.api.Position;
import dev.sluice.api.Require;

/**
 * An item of a REST listing: the source, the cycle (counted from the reader's start), the page's
 * token ({@code first} for the first page) and the item's index in the page.
 */
public record ApiPosition(String source, long cycle, String page, int item) implements Position {

    public ApiPosition {
        Require.nonBlank(source, "source");
        Require.atLeast(item, 0, "item");
    }

    @Override
    public String describe() {
        return source + " page " + (page == null ? "first" : page) + " item " + item;
    }
}
