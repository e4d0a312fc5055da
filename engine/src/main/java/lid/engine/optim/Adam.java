package lid.engine.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lid.engine.Arena;
import lid.engine.Engine;
import lid.engine.Tensor;

/**
 * Adam (Kingma and Ba) and AdamW (decoupled weight decay, Loshchilov and Hutter), as in
 * PyTorch: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr (m / (1-b1^t)) /
 * (sqrt(v / (1-b2^t)) + eps). Adam adds wd*p to g; AdamW first does p -= lr*wd*p.
 */
public final class Adam extends Optimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private final Tensor[] m;
    private final Tensor[] v;

    public Adam(List<Tensor> params, float lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) {
        super(params, lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1, eps > 0, weightDecay >= 0; got "
                    + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new Tensor[this.params.size()];
        this.v = new Tensor[this.params.size()];
        Arena.unscoped(() -> {
            for (int i = 0; i < m.length; i++) {
                m[i] = Tensor.zeros(this.params.get(i).shape());
                v[i] = Tensor.zeros(this.params.get(i).shape());
            }
            return null;
        });
    }

    public static Adam adam(List<Tensor> params, float lr) {
        return new Adam(params, lr, 0.9f, 0.999f, 1e-8f, 0f, false);
    }

    public static Adam adamW(List<Tensor> params, float lr, float weightDecay) {
        return new Adam(params, lr, 0.9f, 0.999f, 1e-8f, weightDecay, true);
    }

    @Override
    public void step() {
        steps++;
        float bc1 = (float) (1 - Math.pow(beta1, steps));
        float bc2 = (float) (1 - Math.pow(beta2, steps));
        float stepSize = lr / bc1;
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            Engine.kernels().optimizer().adamUpdate(p.size(), p.dev(), p.offset(), g.dev(), g.offset(), m[i].dev(), 0,
                    v[i].dev(), 0, beta1, beta2, eps, stepSize, invSqrtBc2, decoupled ? 1 - lr * weightDecay : 1f,
                    decoupled ? 0f : weightDecay);
        }
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        for (int i = 0; i < m.length; i++) {
            s.put("adam.m." + i, m[i]);
            s.put("adam.v." + i, v[i]);
        }
        return s;
    }

    @Override
    public void loadState(Map<String, Tensor> state, long steps) {
        for (int i = 0; i < m.length; i++) {
            Tensor sm = state.get("adam.m." + i), sv = state.get("adam.v." + i);
            if (sm == null || sv == null) {
                throw new IllegalArgumentException("optimizer state lacks Adam moments of parameter " + i);
            }
            m[i].copyFrom(sm);
            v[i].copyFrom(sv);
        }
        this.steps = steps;
    }
}
