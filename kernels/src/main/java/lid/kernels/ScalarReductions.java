package lid.kernels;

/**
 * Reference reductions: one float accumulator per result, summed in index order.
 * x: n contiguous floats, or a matrix [rows,cols] row-major with row stride cols;
 * reduceRows writes out[rows], reduceCols out[cols]. MAX / MIN follow {@link Math#max}
 * (a NaN anywhere gives NaN) and throw on empty input; SUM of nothing is 0.
 */
public final class ScalarReductions implements ReductionKernels {
    /** The reference (stateless, single-threaded). */
    public static final ScalarReductions INSTANCE = new ScalarReductions();
    private ScalarReductions() {}

    @Override
    public float reduce(ReduceOp op, int n, float[] x, int xOff) {
        ReductionKernels.Checks.reduce(op, n, x, xOff);
        return range(op, n, x, xOff);
    }

    @Override
    public void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        ReductionKernels.Checks.reduceRows(op, rows, cols, x, xOff, out, outOff);
        for (int i = 0; i < rows; i++) {
            out[outOff + i] = range(op, cols, x, xOff + i * cols);
        }
    }

    @Override
    public void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        ReductionKernels.Checks.reduceCols(op, rows, cols, x, xOff, out, outOff);
        for (int j = 0; j < cols; j++) {
            float acc = ReductionKernels.Checks.identity(op);
            for (int i = 0; i < rows; i++) {
                float v = x[xOff + i * cols + j];
                acc = ReductionKernels.Checks.combine(op, acc, op == ReduceOp.SUM_SQUARES ? v * v : v);
            }
            out[outOff + j] = acc;
        }
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        ReductionKernels.Checks.dot(n, x, xOff, y, yOff);
        float acc = 0f;
        for (int i = 0; i < n; i++) {
            acc += x[xOff + i] * y[yOff + i];
        }
        return acc;
    }

    @Override
    public float norm2(int n, float[] x, int xOff) {
        ReductionKernels.Checks.norm2(n, x, xOff);
        return ReductionKernels.Checks.norm2(range(ReduceOp.SUM_SQUARES, n, x, xOff), n, x, xOff);
    }

    private static float range(ReduceOp op, int n, float[] x, int xOff) {
        float acc = ReductionKernels.Checks.identity(op);
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            acc = ReductionKernels.Checks.combine(op, acc, op == ReduceOp.SUM_SQUARES ? v * v : v);
        }
        return acc;
    }
}
