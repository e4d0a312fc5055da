package lid.kernels;

/** TODO (being written). */
public final class ScalarElementwise {
    private ScalarElementwise() {}

    public static void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void scale(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void fill(int n, float value, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }
}
