package lid.kernels;

/** TODO (being written). */
public final class ScalarReductions {
    private ScalarReductions() {}

    public static float reduce(ReduceOp op, int n, float[] x, int xOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static float norm2(int n, float[] x, int xOff) {
        throw new UnsupportedOperationException("not written yet");
    }
}
