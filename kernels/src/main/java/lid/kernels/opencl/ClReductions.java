package lid.kernels.opencl;

import lid.kernels.ReduceOp;
import lid.kernels.ReductionKernels;
import org.jocl.cl_mem;

/**
 * Reductions on the device (reduce.cl): whole-vector reductions in two passes (up to
 * {@link ClSession#PARTIALS} work groups, then one group folds their partials) and read the
 * scalar back; reduceRows one group per row; reduceCols one item per column in row order.
 */
final class ClReductions implements lid.kernels.ReductionKernels {
    private final ClSession s;

    ClReductions(ClSession s) {
        this.s = s;
    }

    @Override
    public float reduce(ReduceOp op, int n, float[] x, int xOff) {
        synchronized (s) {
            s.checkOpen();
            ReductionKernels.Checks.reduce(op, n, x, xOff);
            if (n == 0) {
                return 0f;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x);
                int code = OpCodes.of(op);
                int groups = groups(n);
                s.rt.launch("reduce_partial").arg(code).arg(op == ReduceOp.SUM_SQUARES).arg(n).arg(dx).arg(xOff)
                        .arg(s.scratch).arg(0).local(s.rt.reduceGroup).runGroups(groups, s.rt.reduceGroup);
                return fold(code, groups);
            }
        }
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        synchronized (s) {
            s.checkOpen();
            ReductionKernels.Checks.dot(n, x, xOff, y, yOff);
            if (n == 0) {
                return 0f;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dy = c.in(y);
                int groups = groups(n);
                s.rt.launch("dot_partial").arg(n).arg(dx).arg(xOff).arg(dy).arg(yOff)
                        .arg(s.scratch).arg(0).local(s.rt.reduceGroup).runGroups(groups, s.rt.reduceGroup);
                return fold(OpCodes.of(ReduceOp.SUM), groups);
            }
        }
    }

    /**
     * sqrt of the device's sum of squares; when that sum overflowed, underflowed or met a NaN
     * the host recomputes it in double (ReductionKernels.Checks.norm2), reading x back first.
     */
    @Override
    public float norm2(int n, float[] x, int xOff) {
        synchronized (s) {
            s.checkOpen();
            ReductionKernels.Checks.norm2(n, x, xOff);
            float sumSquares = reduce(ReduceOp.SUM_SQUARES, n, x, xOff);
            if (sumSquares >= 0x1p-100f && sumSquares < Float.POSITIVE_INFINITY) {
                return (float) Math.sqrt(sumSquares);
            }
            s.mirrors.toHost(x);
            return ReductionKernels.Checks.norm2(sumSquares, n, x, xOff);
        }
    }

    @Override
    public void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            ReductionKernels.Checks.reduceRows(op, rows, cols, x, xOff, out, outOff);
            if (rows == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dout = c.out(out);
                s.rt.launch("reduce_rows").arg(OpCodes.of(op)).arg(cols).arg(dx).arg(xOff).arg(dout).arg(outOff)
                        .local(s.rt.reduceGroup).runGroups(rows, s.rt.reduceGroup);
            }
        }
    }

    @Override
    public void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            ReductionKernels.Checks.reduceCols(op, rows, cols, x, xOff, out, outOff);
            if (cols == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dout = c.out(out);
                s.rt.launch("reduce_cols").arg(OpCodes.of(op)).arg(rows).arg(cols).arg(dx).arg(xOff).arg(dout).arg(outOff)
                        .run(cols);
            }
        }
    }

    private int groups(int n) {
        long perGroup = s.rt.reduceGroup * 4L;
        return (int) Math.max(1, Math.min(ClSession.PARTIALS, (n + perGroup - 1) / perGroup));
    }

    /** Folds partials scratch[0..groups) into scratch[PARTIALS] with one group and reads it. */
    private float fold(int code, int groups) {
        int foldCode = code == OpCodes.of(ReduceOp.SUM_SQUARES) ? OpCodes.of(ReduceOp.SUM) : code;
        s.rt.launch("reduce_partial").arg(foldCode).arg(false).arg(groups).arg(s.scratch).arg(0)
                .arg(s.scratch).arg(ClSession.PARTIALS).local(s.rt.reduceGroup).runGroups(1, s.rt.reduceGroup);
        float[] r = new float[1];
        s.rt.read(s.scratch, ClSession.PARTIALS, r, 1);
        return r[0];
    }
}
