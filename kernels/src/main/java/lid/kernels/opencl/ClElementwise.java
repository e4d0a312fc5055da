package lid.kernels.opencl;

import lid.kernels.BinaryOp;
import lid.kernels.Check;
import lid.kernels.ElementwiseKernels;
import lid.kernels.ScalarOptimizer;
import lid.kernels.UnaryOp;
import org.jocl.cl_mem;

/** Elementwise kernels and the Adam update on the device (elementwise.cl, optimizer.cl). */
final class ClElementwise implements lid.kernels.ElementwiseKernels, lid.kernels.OptimizerKernels {
    private final ClSession s;

    ClElementwise(ClSession s) {
        this.s = s;
    }

    @Override
    public void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            ElementwiseKernels.Checks.unary(op, n, x, xOff, out, outOff);
            if (n == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dout = c.out(out);
                s.rt.launch("unary").arg(OpCodes.of(op)).arg(n).arg(dx).arg(xOff).arg(dout).arg(outOff).run(n);
            }
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        synchronized (s) {
            s.checkOpen();
            ElementwiseKernels.Checks.unaryBackward(op, n, x, xOff, gradOut, gOff, gradIn, giOff);
            if (n == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dg = c.in(gradOut), dgi = c.out(gradIn);
                s.rt.launch("unary_backward").arg(OpCodes.of(op)).arg(n).arg(dx).arg(xOff).arg(dg).arg(gOff)
                        .arg(dgi).arg(giOff).run(n);
            }
        }
    }

    @Override
    public void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            ElementwiseKernels.Checks.binary(op, n, x, xOff, y, yOff, out, outOff);
            if (n == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dy = c.in(y), dout = c.out(out);
                s.rt.launch("binary").arg(OpCodes.of(op)).arg(n).arg(dx).arg(xOff).arg(dy).arg(yOff)
                        .arg(dout).arg(outOff).run(n);
            }
        }
    }

    /** rowsMode: v indexed by column (binaryRows) or by row (binaryCols). */
    void broadcast(BinaryOp op, boolean rowsMode, int rows, int cols, float[] x, int xOff, float[] v, int vOff,
                   float[] out, int outOff) {
        ElementwiseKernels.Checks.broadcast(op, rows, cols, x, xOff, v, vOff, rowsMode ? cols : rows, out, outOff);
        long n = (long) rows * cols;
        if (n == 0) {
            return;
        }
        try (ClCall c = s.call()) {
            cl_mem dx = c.in(x), dv = c.in(v), dout = c.out(out);
            s.rt.launch("binary_broadcast").arg(OpCodes.of(op)).arg(rowsMode).arg(rows).arg(cols).arg(dx).arg(xOff)
                    .arg(dv).arg(vOff).arg(dout).arg(outOff).run(n);
        }
    }

    @Override
    public void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            broadcast(op, true, rows, cols, x, xOff, v, vOff, out, outOff);
        }
    }

    @Override
    public void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            broadcast(op, false, rows, cols, x, xOff, v, vOff, out, outOff);
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        synchronized (s) {
            s.checkOpen();
            ElementwiseKernels.Checks.axpy(n, x, xOff, y, yOff);
            if (n == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dy = c.out(y);
                s.rt.launch("axpy").arg(n).arg(alpha).arg(dx).arg(xOff).arg(dy).arg(yOff).run(n);
            }
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            ElementwiseKernels.Checks.scale(n, x, xOff, out, outOff);
            if (n == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dout = c.out(out);
                s.rt.launch("scale").arg(n).arg(alpha).arg(dx).arg(xOff).arg(dout).arg(outOff).run(n);
            }
        }
    }

    @Override
    public void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            ElementwiseKernels.Checks.clamp(n, lo, hi, x, xOff, out, outOff);
            if (n == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dout = c.out(out);
                s.rt.launch("clamp_values").arg(n).arg(lo).arg(hi).arg(dx).arg(xOff).arg(dout).arg(outOff).run(n);
            }
        }
    }

    @Override
    public void fill(int n, float value, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            ElementwiseKernels.Checks.fill(n, out, outOff);
            if (n == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dout = c.out(out);
                s.rt.launch("fill").arg(n).arg(value).arg(dout).arg(outOff).run(n);
            }
        }
    }

    void copyRows(int rows, int cols, float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd) {
        Check.matrix("src", src, srcOff, rows, cols, lds);
        Check.matrix("dst", dst, dstOff, rows, cols, ldd);
        if (rows == 0 || cols == 0) {
            return;
        }
        try (ClCall c = s.call()) {
            cl_mem ds = c.in(src), dd = c.out(dst);
            s.rt.launch("copy_rows").arg(rows).arg(cols).arg(ds).arg(srcOff).arg(lds).arg(dd).arg(dstOff).arg(ldd)
                    .run((long) rows * cols);
        }
    }

    @Override
    public void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                    float beta1, float beta2, float eps, float stepSize, float invSqrtBc2, float shrink, float l2) {
        synchronized (s) {
            s.checkOpen();
            ScalarOptimizer.check(n, p, pOff, g, gOff, m, mOff, v, vOff);
            if (n == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dp = c.out(p), dg = c.in(g), dm = c.out(m), dv = c.out(v);
                s.rt.launch("adam_update").arg(n).arg(dp).arg(pOff).arg(dg).arg(gOff).arg(dm).arg(mOff).arg(dv).arg(vOff)
                        .arg(beta1).arg(beta2).arg(eps).arg(stepSize).arg(invSqrtBc2).arg(shrink).arg(l2).run(n);
            }
        }
    }
}
