package lid.kernels;

/** TODO (being written). */
public final class VectorReductions {
    private VectorReductions() {}

    public static float reduce(Parallel par, ReduceOp op, int n, float[] x, int xOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void reduceRows(Parallel par, ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void reduceCols(Parallel par, ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static float dot(Parallel par, int n, float[] x, int xOff, float[] y, int yOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static float norm2(Parallel par, int n, float[] x, int xOff) {
        throw new UnsupportedOperationException("not written yet");
    }
}
