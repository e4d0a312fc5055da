package lid.kernels;

/**
 * Products with quantized weights (see QuantizedMatrix for the formats).
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface QuantizedKernels {
    /** y[r] = sum_c W[r,c] x[c] + beta y[r], W [rows, cols] dequantized inside the dot products. */
    void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, @Out float[] y, int yOff);

    /**
     * transW: Y[m, rows] = X[m, cols] W^T + beta Y (a Linear layer's forward); otherwise
     * Y[m, cols] = X[m, rows] W + beta Y (its input gradient). Row strides ldx, ldy.
     */
    void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float beta,
                 @Out float[] y, int yOff, int ldy);

    /** Argument checks of this family, shared by every backend (each calls them first). */
    final class Checks {
        private Checks() {}

        public static void gemv(QuantizedMatrix w, float[] x, int xOff, float[] y, int yOff) {
            Check.notNull("w", w);
            Check.vector("x", x, xOff, w.cols());
            Check.vector("y", y, yOff, w.rows());
        }

        public static void matmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float[] y, int yOff, int ldy) {
            Check.notNull("w", w);
            Check.nonNegative("m", m);
            int k = transW ? w.cols() : w.rows();
            int n = transW ? w.rows() : w.cols();
            Check.matrix("x", x, xOff, m, k, ldx);
            Check.matrix("y", y, yOff, m, n, ldy);
        }
    }
}
