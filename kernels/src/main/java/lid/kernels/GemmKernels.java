package lid.kernels;

/**
 * GEMM and GEMV on float matrices.
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface GemmKernels {
    /**
     * C = alpha * op(A) * op(B) + beta * C.
     * op(A): [m,k] (stored [m,k] with row stride lda, or [k,m] when transA);
     * op(B): [k,n] (stored [k,n] with row stride ldb, or [n,k] when transB);
     * C: [m,n] with row stride ldc. beta == 0 overwrites C (NaN in C is not propagated).
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, @Out float[] c, int cOff, int ldc);

    /** {@link #sgemm} on {@code batch} matrices, the i-th starting at off + i * stride. */
    void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda, int strideA,
                      float[] b, int bOff, int ldb, int strideB,
                      float beta, @Out float[] c, int cOff, int ldc, int strideC);

    /**
     * y = alpha * op(A) * x + beta * y. A stored [m,n] with row stride lda;
     * op(A) = A ([m,n], x: n, y: m) or A^T when transA ([n,m], x: m, y: n).
     */
    void sgemv(boolean transA, int m, int n, float alpha, float[] a, int aOff, int lda,
               float[] x, int xOff, float beta, @Out float[] y, int yOff);

    /** Argument checks of this family, shared by every backend (each calls them first). */
    final class Checks {
        private Checks() {}

        public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float[] c, int cOff, int ldc) {
            Check.nonNegative("m", m);
            Check.nonNegative("n", n);
            Check.nonNegative("k", k);
            // A is stored [m,k] or, transposed, [k,m]; likewise B.
            Check.matrix("a", a, aOff, transA ? k : m, transA ? m : k, lda);
            Check.matrix("b", b, bOff, transB ? n : k, transB ? k : n, ldb);
            Check.matrix("c", c, cOff, m, n, ldc);
        }

        public static void batched(int batch, boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, int strideA,
                            float[] b, int bOff, int ldb, int strideB,
                            float[] c, int cOff, int ldc, int strideC) {
            Check.nonNegative("batch", batch);
            Check.nonNegative("strideA", strideA);
            Check.nonNegative("strideB", strideB);
            Check.nonNegative("strideC", strideC);
            if (batch == 0) {
                return;
            }
            long lastA = aOff + (long) (batch - 1) * strideA;
            long lastB = bOff + (long) (batch - 1) * strideB;
            long lastC = cOff + (long) (batch - 1) * strideC;
            if (lastA > Integer.MAX_VALUE || lastB > Integer.MAX_VALUE || lastC > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("batch offsets overflow int: batch " + batch + " with the given strides");
            }
            sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            sgemm(transA, transB, m, n, k, a, (int) lastA, lda, b, (int) lastB, ldb, c, (int) lastC, ldc);
            if (strideC < (long) (m - 1) * ldc + n && batch > 1 && m > 0 && n > 0) {
                throw new IllegalArgumentException("strideC " + strideC + " is smaller than one C matrix ("
                        + ((long) (m - 1) * ldc + n) + " elements): outputs would overlap");
            }
        }

        public static void sgemv(boolean transA, int m, int n, float[] a, int aOff, int lda,
                          float[] x, int xOff, float[] y, int yOff) {
            Check.nonNegative("m", m);
            Check.nonNegative("n", n);
            Check.matrix("a", a, aOff, m, n, lda);
            Check.vector("x", x, xOff, transA ? m : n);
            Check.vector("y", y, yOff, transA ? n : m);
        }
    }
}
