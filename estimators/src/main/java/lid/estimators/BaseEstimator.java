package lid.estimators;

import java.util.List;
import lid.datasets.spec.ParamInfo;

/**
 * The fixed facts of an estimator, given once to the constructor: its name, a one-line
 * description, whether it needs a diffusion model, and the options it accepts. Subclasses
 * implement the estimate (and {@link #neighbours} when they use the kNN graph). Implementing
 * {@link LidEstimator} directly works as well.
 */
public abstract class BaseEstimator implements LidEstimator {
    private final String name;
    private final String description;
    private final boolean needsModel;
    private final List<ParamInfo> options;

    /** A model-free estimator. */
    protected BaseEstimator(String name, String description, List<ParamInfo> options) {
        this(name, description, false, options);
    }

    /** An estimator that needs a diffusion model when {@code needsModel}. */
    protected BaseEstimator(String name, String description, boolean needsModel, List<ParamInfo> options) {
        this.name = name;
        this.description = description;
        this.needsModel = needsModel;
        this.options = List.copyOf(options);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final boolean needsModel() {
        return needsModel;
    }

    @Override
    public final List<ParamInfo> options() {
        return options;
    }

    @Override
    public String toString() {
        return name;
    }
}
