package lid.kernels;

/** Reference optimizer updates (see {@link Kernels#adamUpdate}). */
public final class ScalarOptimizer implements OptimizerKernels {
    /** The reference (stateless, single-threaded). */
    public static final ScalarOptimizer INSTANCE = new ScalarOptimizer();
    private ScalarOptimizer() {}

    @Override
    public void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                                  float beta1, float beta2, float eps, float stepSize, float invSqrtBc2, float shrink,
                                  float l2) {
        check(n, p, pOff, g, gOff, m, mOff, v, vOff);
        float c1 = 1 - beta1, c2 = 1 - beta2;
        for (int j = 0; j < n; j++) {
            float pj = p[pOff + j];
            float gj = g[gOff + j] + l2 * pj;
            float mj = beta1 * m[mOff + j] + c1 * gj;
            float vj = beta2 * v[vOff + j] + c2 * (gj * gj);
            m[mOff + j] = mj;
            v[vOff + j] = vj;
            p[pOff + j] = pj * shrink - stepSize * mj / ((float) Math.sqrt(vj) * invSqrtBc2 + eps);
        }
    }

    public static void check(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff) {
        Check.nonNegative("n", n);
        Check.vector("p", p, pOff, n);
        Check.vector("g", g, gOff, n);
        Check.vector("m", m, mOff, n);
        Check.vector("v", v, vOff, n);
    }
}
