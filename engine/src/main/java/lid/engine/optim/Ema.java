package lid.engine.optim;

import java.util.ArrayList;
import java.util.List;
import lid.engine.Arena;
import lid.engine.Engine;
import lid.engine.Tensor;

/** Exponential moving average of parameters: shadow = decay shadow + (1 - decay) p. */
public final class Ema {
    private final List<Tensor> params;
    private final List<Tensor> shadow = new ArrayList<>();
    private final float decay;

    public Ema(List<Tensor> params, float decay) {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1], got " + decay);
        }
        this.params = List.copyOf(params);
        this.decay = decay;
        Arena.unscoped(() -> {
            for (Tensor p : this.params) {
                shadow.add(p.copy());
            }
            return null;
        });
    }

    public void update() {
        update(decay);
    }

    /** One update with an explicit decay (e.g. a warm-up schedule min(decay, (1 + n) / (10 + n))). */
    public void update(float decay) {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (Engine.resident()) { // on a device: s = decay s, then s += (1 - decay) p (the same roundings)
                Tensor sh = shadow.get(i);
                Engine.kernels().elementwise().scale(p.size(), decay, sh.dev(), sh.offset(), sh.dev(), sh.offset());
                Engine.kernels().elementwise().axpy(p.size(), 1 - decay, p.dev(), p.offset(), sh.dev(), sh.offset());
                continue;
            }
            float[] s = shadow.get(i).data(), pd = p.data();
            int po = p.offset();
            for (int j = 0; j < p.size(); j++) {
                s[j] = decay * s[j] + (1 - decay) * pd[po + j];
            }
        }
    }

    public float decay() {
        return decay;
    }

    /** The averaged values, in parameter order. */
    public List<Tensor> shadow() {
        return shadow;
    }

    /** Writes the averaged values into the parameters (e.g. before evaluation or saving). */
    public void copyToParams() {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).copyFrom(shadow.get(i));
        }
    }

    /** Restores shadow values (from a checkpoint). */
    public void load(List<Tensor> values) {
        for (int i = 0; i < shadow.size(); i++) {
            shadow.get(i).copyFrom(values.get(i));
        }
    }
}
