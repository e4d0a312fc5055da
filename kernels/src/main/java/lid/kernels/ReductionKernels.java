package lid.kernels;

/**
 * Reductions over vectors, rows and columns.
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface ReductionKernels {
    /** op over x[0..n); SUM of n = 0 is 0, MAX/MIN of n = 0 throw. */
    float reduce(ReduceOp op, int n, float[] x, int xOff);

    /** out[i] = op over row i of x [rows,cols]. */
    void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, @Out float[] out, int outOff);

    /** out[j] = op over column j of x [rows,cols]. */
    void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, @Out float[] out, int outOff);

    /** sum_i x[i] * y[i]. */
    float dot(int n, float[] x, int xOff, float[] y, int yOff);

    /** Euclidean norm sqrt(sum_i x[i]^2). */
    float norm2(int n, float[] x, int xOff);
}
