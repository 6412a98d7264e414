package dev.sluice.api;

import dev.sluice.api.annotation.Public;

/**
 * What a {@link Transform} learns about where it runs, in {@link Transform#open}.
 *
 * @param pipeline  the pipeline's name, for logs and metrics
 * @param name      the transform's name inside the pipeline
 * @param taskIndex which parallel instance this is: a worker thread in the stream runtime, a
 *                  partition index in Spark; zero-based
 */
@Public
public record TransformContext(String pipeline, String name, int taskIndex) {

    public TransformContext {
        Require.nonBlank(pipeline, "pipeline");
        Require.nonBlank(name, "name");
        Require.atLeast(taskIndex, 0, "taskIndex");
    }

    /** A context for tests and single-task use. */
    public static TransformContext of(String pipeline, String name) {
        return new TransformContext(pipeline, name, 0);
    }
}
