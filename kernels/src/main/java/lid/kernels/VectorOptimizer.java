package lid.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Optimizer updates on the Vector API: the same operations in the same order as
 * {@link ScalarOptimizer} (separate mul and add, no FMA; IEEE sqrt and division), so the bits
 * match the reference exactly. Chunks of 16k elements are spread over threads.
 */
public final class VectorOptimizer extends VectorFamily implements OptimizerKernels {
    /** This family on the given threads. */
    public VectorOptimizer(Parallel par) {
        super(par);
    }

    private static final int CHUNK = 1 << 14;

    @Override
    public void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff,
                                  float[] v, int vOff, float beta1, float beta2, float eps, float stepSize,
                                  float invSqrtBc2, float shrink, float l2) {
        ScalarOptimizer.check(n, p, pOff, g, gOff, m, mOff, v, vOff);
        int parts = (n + CHUNK - 1) / CHUNK;
        if (parts <= 1) {
            adamRange(0, n, p, pOff, g, gOff, m, mOff, v, vOff, beta1, beta2, eps, stepSize, invSqrtBc2, shrink, l2);
            return;
        }
        par.forEach(parts, q -> adamRange(q * CHUNK, Math.min(n, (q + 1) * CHUNK), p, pOff, g, gOff, m, mOff, v, vOff,
                beta1, beta2, eps, stepSize, invSqrtBc2, shrink, l2));
    }

    private static void adamRange(int from, int to, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff,
                                  float[] v, int vOff, float beta1, float beta2, float eps, float stepSize,
                                  float invSqrtBc2, float shrink, float l2) {
        float c1 = 1 - beta1, c2 = 1 - beta2;
        FloatVector vb1 = FloatVector.broadcast(S, beta1), vb2 = FloatVector.broadcast(S, beta2);
        FloatVector vc1 = FloatVector.broadcast(S, c1), vc2 = FloatVector.broadcast(S, c2);
        FloatVector veps = FloatVector.broadcast(S, eps), vstep = FloatVector.broadcast(S, stepSize);
        FloatVector vbc2 = FloatVector.broadcast(S, invSqrtBc2), vshrink = FloatVector.broadcast(S, shrink);
        FloatVector vl2 = FloatVector.broadcast(S, l2);
        int j = from;
        for (int bound = from + S.loopBound(to - from); j < bound; j += L) {
            FloatVector pj = FloatVector.fromArray(S, p, pOff + j);
            FloatVector gj = FloatVector.fromArray(S, g, gOff + j).add(vl2.mul(pj));
            FloatVector mj = vb1.mul(FloatVector.fromArray(S, m, mOff + j)).add(vc1.mul(gj));
            FloatVector vj = vb2.mul(FloatVector.fromArray(S, v, vOff + j)).add(vc2.mul(gj.mul(gj)));
            mj.intoArray(m, mOff + j);
            vj.intoArray(v, vOff + j);
            FloatVector denom = vj.lanewise(VectorOperators.SQRT).mul(vbc2).add(veps);
            pj.mul(vshrink).sub(vstep.mul(mj).div(denom)).intoArray(p, pOff + j);
        }
        for (; j < to; j++) {
            float pj = p[pOff + j];
            float gj = g[gOff + j] + l2 * pj;
            float mj = beta1 * m[mOff + j] + c1 * gj;
            float vj = beta2 * v[vOff + j] + c2 * (gj * gj);
            m[mOff + j] = mj;
            v[vOff + j] = vj;
            p[pOff + j] = pj * shrink - stepSize * mj / ((float) Math.sqrt(vj) * invSqrtBc2 + eps);
        }
    }
}
