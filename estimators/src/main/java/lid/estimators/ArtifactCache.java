package lid.estimators;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The expensive intermediate results of one {@link EstimationInput} (kNN graphs, local PCA
 * spectra, calibration statistics, ...), keyed by records that name exactly what they depend
 * on, so sweeping a cheap hyperparameter (a threshold, a version, a comb) never recomputes them.
 * Belongs to its input; thread-safe; a computation may itself use the cache.
 */
public final class ArtifactCache {
    private final Map<Object, Object> artifacts = new HashMap<>();

    /** The artifact for the key, computing it on first use. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(Object key, Supplier<T> compute) {
        Object v = artifacts.get(key);
        if (v == null) {
            // not computeIfAbsent: the computation may look up other keys (monitors are reentrant)
            v = compute.get();
            artifacts.put(key, v);
        }
        return (T) v;
    }

    /** The artifact for the key if present, else null. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T peek(Object key) {
        return (T) artifacts.get(key);
    }

    public synchronized void put(Object key, Object value) {
        artifacts.put(key, value);
    }

    public synchronized int size() {
        return artifacts.size();
    }

    public synchronized void clear() {
        artifacts.clear();
    }
}
