package lid.engine.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lid.engine.Arena;
import lid.engine.Tensor;

/** SGD with momentum (PyTorch form): b = mu b + (g + wd p); p -= lr b (nesterov: p -= lr (g + mu b)). */
public final class Sgd extends Optimizer {
    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;
    private final Tensor[] buf;

    public Sgd(List<Tensor> params, float lr, float momentum, float weightDecay, boolean nesterov) {
        super(params, lr);
        if (!(momentum >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("SGD needs momentum >= 0 and weightDecay >= 0");
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buf = new Tensor[this.params.size()];
        Arena.unscoped(() -> {
            for (int i = 0; i < buf.length; i++) {
                buf[i] = Tensor.zeros(this.params.get(i).shape());
            }
            return null;
        });
    }

    @Override
    public void step() {
        steps++;
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            float[] pd = p.data(), gd = g.data(), b = buf[i].data();
            int po = p.offset(), go = g.offset();
            boolean first = steps == 1;
            for (int j = 0; j < p.size(); j++) {
                float gj = gd[go + j] + weightDecay * pd[po + j];
                float bj = momentum == 0 ? gj : (first ? gj : momentum * b[j] + gj);
                b[j] = bj;
                float d = nesterov ? gj + momentum * bj : bj;
                pd[po + j] -= lr * d;
            }
        }
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        for (int i = 0; i < buf.length; i++) {
            s.put("sgd.momentum." + i, buf[i]);
        }
        return s;
    }

    @Override
    public void loadState(Map<String, Tensor> state, long steps) {
        for (int i = 0; i < buf.length; i++) {
            Tensor b = state.get("sgd.momentum." + i);
            if (b == null) {
                throw new IllegalArgumentException("optimizer state lacks the SGD momentum of parameter " + i);
            }
            buf[i].copyFrom(b);
        }
        this.steps = steps;
    }
}
