package lid.kernels;

/** TODO (being written). */
public final class VectorElementwise {
    private VectorElementwise() {}

    public static void unary(Parallel par, UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void unaryBackward(Parallel par, UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void binary(Parallel par, BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void binaryRows(Parallel par, BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void binaryCols(Parallel par, BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void axpy(Parallel par, int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void scale(Parallel par, int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void clamp(Parallel par, int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void fill(Parallel par, int n, float value, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }
}
