package lid.engine.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lid.engine.Arena;
import lid.engine.Tensor;

/**
 * A model part with named parameters and named children; parameter names are dotted paths
 * ("layers.0.weight") as in PyTorch, so checkpoints map one to one. Parameters are created
 * outside any {@link Arena} and need gradients.
 */
public abstract class Module {
    protected Module() {}

    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();

    /** Registers a parameter (made unscoped and requiring grad); returns it. */
    protected final Tensor param(String name, java.util.function.Supplier<Tensor> init) {
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name '" + name + "'");
        }
        Tensor t = Arena.unscoped(init).requiresGrad(true);
        params.put(name, t);
        return t;
    }

    /** Registers a child module; returns it. */
    protected final <M extends Module> M child(String name, M m) {
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("duplicate child name '" + name + "'");
        }
        children.put(name, m);
        return m;
    }

    /**
     * The single-input forward pass. Modules with several inputs (e.g. a score network of x and
     * t) define their own forward and leave this one refusing.
     */
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes several inputs; call its own forward");
    }

    /** Every parameter with its dotted name, in registration order (depth first). */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        params.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(prefix + k + ".", out));
    }

    /** This module ("") and every descendant by dotted path ("net.0"), depth first. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return out;
    }

    private void collectModules(String path, Map<String, Module> out) {
        out.put(path, this);
        children.forEach((k, m) -> m.collectModules(path.isEmpty() ? k : path + "." + k, out));
    }

    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    public final long parameterCount() {
        long n = 0;
        for (Tensor t : parameters()) {
            n += t.size();
        }
        return n;
    }

    public final void zeroGrad() {
        for (Tensor t : parameters()) {
            t.zeroGrad();
        }
    }

    /** Copies parameter values from a name -> tensor map (shapes must match; every name must be present). */
    public final void loadParameters(Map<String, Tensor> values) {
        Map<String, Tensor> mine = namedParameters();
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("missing parameter '" + e.getKey() + "' (have " + values.keySet() + ")");
            }
            if (!java.util.Arrays.equals(v.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has shape "
                        + java.util.Arrays.toString(v.shape()) + ", the model expects "
                        + java.util.Arrays.toString(e.getValue().shape()));
            }
            e.getValue().copyFrom(v);
        }
        for (String k : values.keySet()) {
            if (!mine.containsKey(k)) {
                throw new IllegalArgumentException("unexpected parameter '" + k + "'; the model has " + mine.keySet());
            }
        }
    }
}
