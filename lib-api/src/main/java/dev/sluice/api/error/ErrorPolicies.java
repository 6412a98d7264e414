package dev.sluice.api.error;

import dev.sluice.api.Require;
import dev.sluice.api.annotation.Public;
import java.io.Serializable;

/**
 * One {@link ErrorPolicy} per {@link Stage}. Defaults: decode and transform failures go to the
 * dead letter after retries; a sink that stays unavailable fails the pipeline.
 */
@Public
public record ErrorPolicies(ErrorPolicy deserialize, ErrorPolicy transform, ErrorPolicy sink) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ErrorPolicies {
        Require.nonNull(deserialize, "deserialize policy");
        Require.nonNull(transform, "transform policy");
        Require.nonNull(sink, "sink policy");
    }

    public static ErrorPolicies defaults() {
        return new ErrorPolicies(ErrorPolicy.deadLetter(), ErrorPolicy.deadLetter(), ErrorPolicy.sinkDefault());
    }

    /** The same policy at every stage. */
    public static ErrorPolicies all(ErrorPolicy policy) {
        return new ErrorPolicies(policy, policy, policy);
    }

    public ErrorPolicy forStage(Stage stage) {
        return switch (stage) {
            case DESERIALIZE -> deserialize;
            case TRANSFORM -> transform;
            case SINK -> sink;
        };
    }

    public ErrorPolicies withDeserialize(ErrorPolicy p) {
        return new ErrorPolicies(p, transform, sink);
    }

    public ErrorPolicies withTransform(ErrorPolicy p) {
        return new ErrorPolicies(deserialize, p, sink);
    }

    public ErrorPolicies withSink(ErrorPolicy p) {
        return new ErrorPolicies(deserialize, transform, p);
    }
}
