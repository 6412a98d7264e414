package dev.sluice.benchmarks;

import dev.sluice.api.Transform;
import dev.sluice.benchmarks.model.EnrichedEvent;
import dev.sluice.benchmarks.model.Event;

/** The three chained Sluice transforms of the benchmarks: filter, map, enrich. */
public final class HotPathTransforms {

    private HotPathTransforms() {}

    public static Transform<Event, EnrichedEvent> chain() {
        Transform<Event, Event> filter = Transform.filter(e -> EventLogic.keep(e.getBot()));
        Transform<Event, EnrichedEvent> map = Transform.map(HotPathTransforms::normalize);
        Transform<EnrichedEvent, EnrichedEvent> enrich = Transform.map(HotPathTransforms::enrich);
        return filter.andThen(map).andThen(enrich);
    }

    public static EnrichedEvent normalize(Event e) {
        return new EnrichedEvent(e.getEventId(), e.getUserId(), e.getSessionId(), EventLogic.path(e.getUrl().toString()), e.getReferrer(),
                e.getUserAgent(), e.getCountry(), "", e.getDurationMs(), e.getScrollPct(), EventLogic.cents(e.getPrice()), e.getTimestamp());
    }

    /** A new record with the region set: transforms never mutate their input. */
    public static EnrichedEvent enrich(EnrichedEvent e) {
        return new EnrichedEvent(e.getEventId(), e.getUserId(), e.getSessionId(), e.getPath(), e.getReferrer(), e.getUserAgent(),
                e.getCountry(), EventLogic.region(e.getCountry().toString()), e.getDurationMs(), e.getScrollPct(), e.getPriceCents(), e.getTimestamp());
    }
}
