package lid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.random.RandomGenerator;

/**
 * One (batched) SGEMM call of a backend, on random data with leading dimensions and offsets,
 * checked against a double-precision product: |c - c_exact| <= TOL (k + 2) u (|alpha| sum_p
 * |a_ip b_pj| + |beta c_ij|) + tiny, the standard forward error bound gamma_k = k u / (1 - k u)
 * of float products summed in any order, with a safety factor TOL = 2 for the alpha / beta
 * rounding; and nothing outside C (between rows, between batch entries) is written.
 * Shared by GemmTest and the OpenCL test of its second GEMM kernel.
 */
public final class GemmAgainstDouble {
    private GemmAgainstDouble() {}

    private static final double TOL = 2.0;

    /** One sgemm call; pad is added to every leading dimension and (times 1, 2, 3) to the offsets. */
    public static void check(Kernels kern, RandomGenerator rnd, boolean ta, boolean tb, int m, int n, int k, float alpha, float beta,
                             int pad) {
        check(kern, rnd, 1, ta, tb, m, n, k, alpha, beta, pad, false);
    }

    /**
     * sgemmBatched with strides a little larger than each matrix (or strideA = 0, one A
     * broadcast to every entry); batch 1 without broadcast calls sgemm.
     */
    public static void check(Kernels kern, RandomGenerator rnd, int batch, boolean ta, boolean tb, int m, int n, int k, float alpha,
                             float beta, int pad, boolean broadcastA) {
        int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
        int aOff = pad, bOff = 2 * pad, cOff = 3 * pad;
        int aSize = (ta ? k : m) * lda, bSize = (tb ? n : k) * ldb, cSize = m * ldc;
        int strideA = broadcastA ? 0 : aSize + 1, strideB = bSize + 2, strideC = cSize + 3;
        float[] a = gaussian(rnd, aOff + (broadcastA ? aSize : batch * strideA));
        float[] b = gaussian(rnd, bOff + batch * strideB);
        float[] c = gaussian(rnd, cOff + batch * strideC);
        float[] c0 = c.clone();
        if (batch == 1 && !broadcastA) {
            kern.gemm().sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            kern.gemm().sgemmBatched(batch, ta, tb, m, n, k, alpha, a, aOff, lda, strideA, b, bOff, ldb, strideB,
                    beta, c, cOff, ldc, strideC);
        }
        boolean[] inside = new boolean[c.length];
        for (int q = 0; q < batch; q++) {
            int co = cOff + q * strideC;
            // op(A) by rows and op(B) by columns, so that the k-loop below reads both contiguously.
            double[] rowsA = gather(a, aOff + q * strideA, lda, m, k, ta);
            double[] colsB = gather(b, bOff + q * strideB, ldb, n, k, !tb);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        double ab = rowsA[i * k + p] * colsB[j * k + p];
                        exact += ab;
                        mag += Math.abs(ab);
                    }
                    int at = co + i * ldc + j;
                    inside[at] = true;
                    double want = alpha * exact + (beta == 0 ? 0 : beta * c0[at]);
                    double bound = TOL * (k + 2) * TestSupport.U * (Math.abs(alpha) * mag + Math.abs(beta) * Math.abs(c0[at]))
                            + 1e-30;
                    if (!(Math.abs(c[at] - want) <= bound)) {
                        throw new AssertionError(kern.name() + " batch " + q + " ta=" + ta + " tb=" + tb + " m=" + m + " n=" + n
                                + " k=" + k + " at (" + i + "," + j + "): got " + c[at] + " want " + want + " bound " + bound);
                    }
                }
            }
        }
        for (int i = 0; i < c.length; i++) {
            if (!inside[i]) {
                assertEquals(c0[i], c[i], "element outside C was written at " + i);
            }
        }
    }

    /** rows x len matrix from x at off with row stride ld, or its transpose (stored len x rows) when transposed. */
    private static double[] gather(float[] x, int off, int ld, int rows, int len, boolean transposed) {
        double[] out = new double[rows * len];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < len; p++) {
                out[r * len + p] = transposed ? x[off + p * ld + r] : x[off + r * ld + p];
            }
        }
        return out;
    }

    static float[] gaussian(RandomGenerator rnd, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
