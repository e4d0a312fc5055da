package lid.kernels;

/** Argument checks of the elementwise kernels, shared by every backend. */
public final class ElementwiseChecks {
    private ElementwiseChecks() {}

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
