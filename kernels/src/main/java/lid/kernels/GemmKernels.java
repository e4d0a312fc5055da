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
}
