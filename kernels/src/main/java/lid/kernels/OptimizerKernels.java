package lid.kernels;

/**
 * Optimizer updates.
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface OptimizerKernels {
    /**
     * One Adam / AdamW step on n parameters, in place (PyTorch's formulas with the bias
     * corrections folded into two scalars): g' = g + l2 * p; m = beta1 m + (1-beta1) g';
     * v = beta2 v + (1-beta2) g'^2; p = p * shrink - stepSize * m / (sqrt(v) * invSqrtBc2 + eps),
     * where stepSize = lr / (1 - beta1^t), invSqrtBc2 = 1 / sqrt(1 - beta2^t), shrink = 1 - lr*wd
     * for AdamW (else 1) and l2 = wd for Adam (else 0). Same bits on every backend.
     */
    void adamUpdate(int n, @Out float[] p, int pOff, float[] g, int gOff, @Out float[] m, int mOff, @Out float[] v, int vOff,
                    float beta1, float beta2, float eps, float stepSize, float invSqrtBc2, float shrink, float l2);
}
