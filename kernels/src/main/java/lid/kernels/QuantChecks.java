package lid.kernels;

/** Argument checks for the quantized products. */
public final class QuantChecks {
    private QuantChecks() {}

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
