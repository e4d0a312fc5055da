package lid.engine.nn;

import lid.engine.Engine;
import lid.engine.Tensor;

/** Parameter initialisation from the counter-based RNG (seed, stream), PyTorch's defaults. */
public final class Init {
    private Init() {}

    /** U(-bound, bound). */
    public static Tensor uniform(float bound, long seed, long stream, int... shape) {
        Tensor t = Tensor.zeros(shape);
        Engine.kernels().random().randomUniform(seed, stream, 0, t.size(), t.dev(), 0);
        float[] d = t.data(); // after the kernel: on a device backend this syncs
        for (int i = 0; i < t.size(); i++) {
            d[i] = (2f * d[i] - 1f) * bound;
        }
        return t;
    }

    /** N(0, std^2). */
    public static Tensor normal(float std, long seed, long stream, int... shape) {
        Tensor t = Tensor.randn(seed, stream, shape);
        float[] d = t.data();
        for (int i = 0; i < t.size(); i++) {
            d[i] *= std;
        }
        return t;
    }
}
