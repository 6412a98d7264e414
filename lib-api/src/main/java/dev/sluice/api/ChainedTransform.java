package dev.sluice.api;

/**
 * Two transforms run as one: each output of {@code first} is fed to {@code second} at once, with
 * no buffering in between. Built by {@link Transform#andThen}.
 */
final class ChainedTransform<I, M, O> implements Transform<I, O> {

    private static final long serialVersionUID = 1L;

    private final Transform<I, M> first;
    private final Transform<M, O> second;

    ChainedTransform(Transform<I, M> first, Transform<M, O> second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void open(TransformContext context) {
        first.open(context);
        second.open(context);
    }

    @Override
    public void apply(Envelope<I> in, Emitter<O> out) {
        first.apply(in, mid -> second.apply(mid, out));
    }

    @Override
    public void close() {
        try {
            second.close();
        } finally {
            first.close();
        }
    }
}
