package lid.kernels.opencl;

import lid.kernels.GemmKernels;
import lid.kernels.QuantizedKernels;
import lid.kernels.QuantizedMatrix;
import org.jocl.cl_mem;

/** GEMM, batched GEMM, GEMV and the quantized products on the device (gemm.cl, quant.cl). */
final class ClBlas implements lid.kernels.GemmKernels, lid.kernels.QuantizedKernels {
    private final ClSession s;

    ClBlas(ClSession s) {
        this.s = s;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        synchronized (s) {
            s.checkOpen();
            GemmKernels.Checks.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            gemm(1, transA, transB, m, n, k, alpha, a, aOff, lda, 0, b, bOff, ldb, 0, beta, c, cOff, ldc, 0);
        }
    }

    @Override
    public void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB,
                      float beta, float[] c, int cOff, int ldc, int strideC) {
        synchronized (s) {
            s.checkOpen();
            GemmKernels.Checks.batched(batch, transA, transB, m, n, k, a, aOff, lda, strideA, b, bOff, ldb, strideB, c, cOff, ldc, strideC);
            gemm(batch, transA, transB, m, n, k, alpha, a, aOff, lda, strideA, b, bOff, ldb, strideB, beta, c, cOff, ldc, strideC);
        }
    }

    private void gemm(int batch, boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB,
                      float beta, float[] c, int cOff, int ldc, int strideC) {
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        GemmTiles t = s.rt.tiles;
        try (ClCall call = s.call()) {
            cl_mem da = call.in(a), db = call.in(b), dc = call.out(c);
            Launch l = s.rt.launch(t.rows() ? "sgemm_rows" : "sgemm").arg(transA).arg(transB).arg(m).arg(n).arg(k).arg(alpha)
                    .arg(da).arg(aOff).arg(lda).arg(strideA)
                    .arg(db).arg(bOff).arg(ldb).arg(strideB)
                    .arg(beta).arg(dc).arg(cOff).arg(ldc).arg(strideC);
            if (t.rows()) {
                l.run(new long[] {(n + 63) / 64 * 64L, (m + GemmTiles.ROWS - 1) / GemmTiles.ROWS, batch}, new long[] {64, 1, 1});
            } else {
                long groupsN = (n + t.tsn() - 1) / t.tsn(), groupsM = (m + t.tsm() - 1) / t.tsm();
                l.run(new long[] {groupsN * t.groupCols(), groupsM * t.groupRows(), batch},
                        new long[] {t.groupCols(), t.groupRows(), 1});
            }
        }
    }

    @Override
    public void sgemv(boolean transA, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
               float beta, float[] y, int yOff) {
        synchronized (s) {
            s.checkOpen();
            GemmKernels.Checks.sgemv(transA, m, n, a, aOff, lda, x, xOff, y, yOff);
            int rows = transA ? n : m;
            if (rows == 0) {
                return;
            }
            try (ClCall call = s.call()) {
                cl_mem da = call.in(a), dx = call.in(x), dy = call.out(y);
                s.rt.launch("sgemv").arg(transA).arg(m).arg(n).arg(alpha).arg(da).arg(aOff).arg(lda)
                        .arg(dx).arg(xOff).arg(beta).arg(dy).arg(yOff).run(rows);
            }
        }
    }

    @Override
    public void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff) {
        synchronized (s) {
            s.checkOpen();
            QuantizedKernels.Checks.gemv(w, x, xOff, y, yOff);
            if (w.rows() == 0) {
                return;
            }
            QuantBuffers.Uploaded q = s.quant.of(w);
            try (ClCall call = s.call()) {
                cl_mem dx = call.in(x), dy = call.out(y);
                s.rt.launch("qgemv").arg(OpCodes.of(w.format())).arg(w.rows()).arg(w.cols()).arg(w.blocksPerRow())
                        .arg(q.data()).arg(q.scales() == null ? s.dummy : q.scales())
                        .arg(dx).arg(xOff).arg(beta).arg(dy).arg(yOff).run(w.rows());
            }
        }
    }

    @Override
    public void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float beta,
                 float[] y, int yOff, int ldy) {
        synchronized (s) {
            s.checkOpen();
            QuantizedKernels.Checks.matmul(transW, m, w, x, xOff, ldx, y, yOff, ldy);
            int n = transW ? w.rows() : w.cols();
            if (m == 0 || n == 0) {
                return;
            }
            QuantBuffers.Uploaded q = s.quant.of(w);
            try (ClCall call = s.call()) {
                cl_mem dx = call.in(x), dy = call.out(y);
                s.rt.launch("qmatmul").arg(transW).arg(m).arg(OpCodes.of(w.format())).arg(w.rows()).arg(w.cols())
                        .arg(w.blocksPerRow()).arg(q.data()).arg(q.scales() == null ? s.dummy : q.scales())
                        .arg(dx).arg(xOff).arg(ldx).arg(beta).arg(dy).arg(yOff).arg(ldy)
                        .run(new long[] {n, m}, null);
            }
        }
    }
}
