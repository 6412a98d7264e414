package dev.sluice.benchmarks;

import dev.sluice.benchmarks.model.Event;

/** Flink with the identical topology ({@link FlinkTopology}), run by the shared cluster in the {@link FlinkChild}. */
final class FlinkContender implements Contender {

    private final FlinkChild flink;
    private final int eventSchemaId;

    FlinkContender(FlinkChild flink, FixedRegistry registry) {
        this.flink = flink;
        this.eventSchemaId = registry.register("events-value", Event.getClassSchema());
    }

    @Override
    public void start(String bootstrap, String in, String out, String group, boolean exactlyOnce, int threads) throws Exception {
        flink.request(String.join(" ", "start", bootstrap, in, out, group, Boolean.toString(exactlyOnce), Integer.toString(threads),
                Integer.toString(eventSchemaId)));
    }

    @Override
    public void check() throws Exception {
        flink.request("check");
    }

    @Override
    public void close() throws Exception {
        flink.request("cancel");
    }
}
