package lid.engine.optim;

import java.util.List;
import lid.engine.Tensor;

/** Updates parameters from their accumulated gradients; {@link #step()} then {@link #zeroGrad()}. */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected float lr;
    protected long steps;

    protected Optimizer(List<Tensor> params, float lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    public abstract void step();

    public final void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    public final float lr() {
        return lr;
    }

    public final void setLr(float lr) {
        this.lr = lr;
    }

    public final long steps() {
        return steps;
    }

    /** Named optimizer state tensors (moments, ...) for checkpoints, in a stable order. */
    public abstract java.util.Map<String, Tensor> state();

    /** Restores state saved with {@link #state()} and the step count. */
    public abstract void loadState(java.util.Map<String, Tensor> state, long steps);
}
