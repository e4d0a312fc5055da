package lid.bench.reproduce;

import java.util.function.Supplier;

/** A value computed on first use (a model or kNN input that cached cells never need to load). */
final class Lazy<T> implements Supplier<T> {
    private Supplier<T> source;
    private T value;

    Lazy(Supplier<T> source) {
        this.source = source;
    }

    @Override
    public T get() {
        if (source != null) {
            value = source.get();
            source = null;
        }
        return value;
    }
}
