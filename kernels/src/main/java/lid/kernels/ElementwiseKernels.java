package lid.kernels;

/**
 * Elementwise ops (in place allowed: out may be x or y at the same offset).
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface ElementwiseKernels {
    /** out[i] = op(x[i]). */
    void unary(UnaryOp op, int n, float[] x, int xOff, @Out float[] out, int outOff);

    /** gradIn[i] = gradOut[i] * op'(x[i]) (the VJP of {@link #unary}); gradIn may be gradOut. */
    void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff,
                       @Out float[] gradIn, int giOff);

    /** out[i] = x[i] op y[i]. */
    void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, @Out float[] out, int outOff);

    /** out[i,j] = x[i,j] op v[j]: a row vector v (length cols) broadcast over the rows of x [rows,cols]. */
    void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff,
                    @Out float[] out, int outOff);

    /** out[i,j] = x[i,j] op v[i]: a column vector v (length rows) broadcast over the columns. */
    void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff,
                    @Out float[] out, int outOff);

    /** y[i] += alpha * x[i]. */
    void axpy(int n, float alpha, float[] x, int xOff, @Out float[] y, int yOff);

    /** out[i] = alpha * x[i]. */
    void scale(int n, float alpha, float[] x, int xOff, @Out float[] out, int outOff);

    /** out[i] = min(max(x[i], lo), hi); requires lo <= hi. */
    void clamp(int n, float lo, float hi, float[] x, int xOff, @Out float[] out, int outOff);

    /** out[i] = value. */
    void fill(int n, float value, @Out float[] out, int outOff);

    /** Argument checks of this family, shared by every backend (each calls them first). */
    final class Checks {
        private Checks() {}

        public static void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
            Check.notNull("op", op);
            Check.nonNegative("n", n);
            Check.vector("x", x, xOff, n);
            Check.vector("out", out, outOff, n);
        }

        public static void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff,
                                  float[] gradIn, int giOff) {
            Check.notNull("op", op);
            Check.nonNegative("n", n);
            Check.vector("x", x, xOff, n);
            Check.vector("gradOut", gradOut, gOff, n);
            Check.vector("gradIn", gradIn, giOff, n);
        }

        public static void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
            Check.notNull("op", op);
            Check.nonNegative("n", n);
            Check.vector("x", x, xOff, n);
            Check.vector("y", y, yOff, n);
            Check.vector("out", out, outOff, n);
        }

        /** binaryRows (v has cols entries) or binaryCols (v has rows entries). */
        public static void broadcast(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff,
                              long vLength, float[] out, int outOff) {
            Check.notNull("op", op);
            Check.nonNegative("rows", rows);
            Check.nonNegative("cols", cols);
            Check.vector("x", x, xOff, (long) rows * cols);
            Check.vector("v", v, vOff, vLength);
            Check.vector("out", out, outOff, (long) rows * cols);
        }

        public static void axpy(int n, float[] x, int xOff, float[] y, int yOff) {
            Check.nonNegative("n", n);
            Check.vector("x", x, xOff, n);
            Check.vector("y", y, yOff, n);
        }

        public static void scale(int n, float[] x, int xOff, float[] out, int outOff) {
            Check.nonNegative("n", n);
            Check.vector("x", x, xOff, n);
            Check.vector("out", out, outOff, n);
        }

        public static void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
            if (!(lo <= hi)) {
                throw new IllegalArgumentException("lo must be <= hi (and neither NaN), got lo " + lo + ", hi " + hi);
            }
            scale(n, x, xOff, out, outOff);
        }

        public static void fill(int n, float[] out, int outOff) {
            Check.nonNegative("n", n);
            Check.vector("out", out, outOff, n);
        }
    }
}
