package lid.kernels;

/**
 * Reference GEMM and GEMV: the textbook triple loop, one float accumulator per output summed
 * over p = 0..k-1 in order. Row-major; a: [m,k] (or stored [k,m] when transA), b: [k,n] (or
 * stored [n,k] when transB), c: [m,n].
 */
public final class ScalarGemm implements GemmKernels {
    /** The reference (stateless, single-threaded). */
    public static final ScalarGemm INSTANCE = new ScalarGemm();
    private ScalarGemm() {}

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        GemmKernels.Checks.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    acc += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * acc : alpha * acc + beta * c[ci];
            }
        }
    }

    @Override
    public void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k,
                                    float alpha, float[] a, int aOff, int lda, int strideA,
                                    float[] b, int bOff, int ldb, int strideB,
                                    float beta, float[] c, int cOff, int ldc, int strideC) {
        GemmKernels.Checks.batched(batch, transA, transB, m, n, k, a, aOff, lda, strideA,
                b, bOff, ldb, strideB, c, cOff, ldc, strideC);
        for (int q = 0; q < batch; q++) {
            sgemm(transA, transB, m, n, k, alpha, a, aOff + q * strideA, lda,
                    b, bOff + q * strideB, ldb, beta, c, cOff + q * strideC, ldc);
        }
    }

    @Override
    public void sgemv(boolean transA, int m, int n, float alpha, float[] a, int aOff, int lda,
                             float[] x, int xOff, float beta, float[] y, int yOff) {
        GemmKernels.Checks.sgemv(transA, m, n, a, aOff, lda, x, xOff, y, yOff);
        int rows = transA ? n : m;
        int len = transA ? m : n;
        for (int i = 0; i < rows; i++) {
            float acc = 0f;
            for (int p = 0; p < len; p++) {
                float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                acc += av * x[xOff + p];
            }
            y[yOff + i] = beta == 0f ? alpha * acc : alpha * acc + beta * y[yOff + i];
        }
    }
}
