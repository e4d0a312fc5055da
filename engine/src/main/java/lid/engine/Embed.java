package lid.engine;

/**
 * Sinusoidal embedding of a scalar per row (diffusion time): t [B] -> [B, dim] with
 * e[i, j] = sin(scale t_i w_j) for j < dim/2 and cos(scale t_i w_{j-dim/2}) after,
 * w_j = exp(-ln(10000) j / (dim/2 - 1)) (score_sde's and the baselines' convention).
 * Differentiable in t (rarely needed, but exact).
 */
public final class Embed {
    private Embed() {}

    public static Tensor sinusoidal(Tensor t, int dim, float scale) {
        if (t.rank() != 1) {
            throw new IllegalArgumentException("sinusoidal embedding takes t of shape [B], got "
                    + java.util.Arrays.toString(t.shape()));
        }
        if (dim <= 0 || dim % 2 != 0) {
            throw new IllegalArgumentException("embedding width must be a positive even number, got " + dim);
        }
        int b = t.dim(0), half = dim / 2;
        float[] freq = new float[half];
        for (int j = 0; j < half; j++) {
            freq[j] = (float) Math.exp(-Math.log(10000.0) * j / Math.max(1, half - 1)) * scale;
        }
        Tensor out = Tensor.empty(b, dim); // every element is written below
        float[] o = out.overwrite(), td = t.read();
        for (int i = 0; i < b; i++) {
            float ti = td[t.offset() + i];
            for (int j = 0; j < half; j++) {
                double a = (double) ti * freq[j];
                o[i * dim + j] = (float) Math.sin(a);
                o[i * dim + half + j] = (float) Math.cos(a);
            }
        }
        // d/dt sin(w t) = w cos(w t); d/dt cos(w t) = -w sin(w t)
        Grad.record(out, "sinusoidal", g -> {
            Tensor gt = Tensor.zeros(b);
            float[] gd = g.data();
            for (int i = 0; i < b; i++) {
                double s = 0;
                for (int j = 0; j < half; j++) {
                    s += gd[g.offset() + i * dim + j] * freq[j] * o[i * dim + half + j]
                            - gd[g.offset() + i * dim + half + j] * freq[j] * o[i * dim + j];
                }
                gt.data()[i] = (float) s;
            }
            return new Tensor[] {gt};
        }, t);
        if (t.tangent != null) {
            Tangents.attach(out, () -> {
                int k = t.tangent.dim(0);
                Tensor tt = Tensor.zeros(k, b, dim);
                float[] q = tt.data(), tan = t.tangent.data();
                for (int d = 0; d < k; d++) {
                    for (int i = 0; i < b; i++) {
                        float dt = tan[t.tangent.offset() + d * b + i];
                        for (int j = 0; j < half; j++) {
                            q[(d * b + i) * dim + j] = dt * freq[j] * o[i * dim + half + j];
                            q[(d * b + i) * dim + half + j] = -dt * freq[j] * o[i * dim + j];
                        }
                    }
                }
                return tt;
            });
        }
        return out;
    }
}
