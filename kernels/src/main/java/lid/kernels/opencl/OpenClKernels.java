package lid.kernels.opencl;

import lid.kernels.BinaryOp;
import lid.kernels.Kernels;
import lid.kernels.QuantizedMatrix;
import lid.kernels.ReduceOp;
import lid.kernels.UnaryOp;

/**
 * The {@link Kernels} primitive set on one OpenCL device (open one with {@link OpenCl#open}).
 *
 * <p>Residency: arrays the engine {@link #adopt}s keep a device copy between calls and move
 * only when host code reads ({@link #toHost}) or writes ({@link #hostWrote}) them; any other
 * array is copied in and out within the call, so direct callers get ordinary results. Every
 * method takes one lock (the queue is in order and kernel arguments are per-object state).
 *
 * <p>Numerics: elementwise ops, Adam, reduceCols, col2im, im2col, GEMV, the quantized products
 * and the uniform / Rademacher RNG give the CPU's bits (same formulas as FastMath and the
 * scalar loops, no fma contraction, IEEE division and square root where the device offers
 * them); GEMM and the tree reductions sum in another order, within the reference's error
 * bounds; normal random numbers are within 1 float ulp of the CPU's on fp64 devices.
 *
 * <p>{@link #close()} releases every OpenCL object (buffers, kernels, program, queue, context).
 */
public final class OpenClKernels implements Kernels, AutoCloseable {
    private final ClSession s;
    private final ClBlas blas;
    private final ClElementwise ew;
    private final ClReductions red;
    private final ClNormalization norm;
    private final ClData data;
    private boolean closed;

    OpenClKernels(OpenCl.Found found) {
        ClRuntime rt = new ClRuntime(found);
        this.s = new ClSession(rt);
        this.blas = new ClBlas(s);
        this.ew = new ClElementwise(s);
        this.red = new ClReductions(s);
        this.norm = new ClNormalization(s);
        this.data = new ClData(s);
    }

    /** The device this backend runs on. */
    public ClDeviceInfo info() {
        return s.rt.info;
    }

    /** Build options the program was compiled with (tile sizes, fp64, rounding). */
    public String buildOptions() {
        return ClRuntime.options(s.rt.info, s.rt.tiles);
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public int threads() {
        return s.rt.info.computeUnits();
    }

    @Override
    public String device() {
        return "opencl:" + s.rt.info.index() + " " + s.rt.info.name();
    }

    // ---- residency --------------------------------------------------------------------------

    @Override
    public synchronized void adopt(float[] a) {
        open();
        s.mirrors.adopt(a);
    }

    @Override
    public synchronized void release(float[] a) {
        if (!closed) {
            s.mirrors.release(a);
        }
    }

    @Override
    public synchronized void toHost(float[] a) {
        if (!closed) {
            s.mirrors.toHost(a);
        }
    }

    @Override
    public synchronized void hostWrote(float[] a) {
        if (!closed) {
            s.mirrors.hostWrote(a);
        }
    }

    @Override
    public synchronized void evictAll() {
        if (!closed) {
            s.mirrors.evictAll();
        }
    }

    /** Arrays adopted and not yet collected (for tests and diagnostics). */
    public synchronized int adoptedArrays() {
        return s.mirrors.size();
    }

    /** Bytes copied between host and device so far: {uploaded, downloaded} (residency diagnostics). */
    public synchronized long[] transferredBytes() {
        return new long[] {s.rt.uploaded, s.rt.downloaded};
    }

    /** Bytes of device buffers holding adopted arrays. */
    public synchronized long residentBytes() {
        return s.mirrors.deviceBytes();
    }

    @Override
    public synchronized void finish() {
        open();
        s.rt.finish();
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("OpenCL backend " + device() + " was closed");
        }
    }

    /** Brings adopted arrays back to the host (see {@link #evictAll}), then releases every OpenCL object. */
    @Override
    public synchronized void close() {
        if (!closed) {
            s.mirrors.evictAll();
            closed = true;
            s.close();
        }
    }

    // ---- GEMM -------------------------------------------------------------------------------

    @Override
    public synchronized void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                                   int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        open();
        blas.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public synchronized void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                          float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb,
                                          int strideB, float beta, float[] c, int cOff, int ldc, int strideC) {
        open();
        blas.sgemmBatched(batch, transA, transB, m, n, k, alpha, a, aOff, lda, strideA, b, bOff, ldb, strideB,
                beta, c, cOff, ldc, strideC);
    }

    @Override
    public synchronized void sgemv(boolean transA, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x,
                                   int xOff, float beta, float[] y, int yOff) {
        open();
        blas.sgemv(transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    // ---- elementwise ------------------------------------------------------------------------

    @Override
    public synchronized void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
        open();
        ew.unary(op, n, x, xOff, out, outOff);
    }

    @Override
    public synchronized void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff,
                                           float[] gradIn, int giOff) {
        open();
        ew.unaryBackward(op, n, x, xOff, gradOut, gOff, gradIn, giOff);
    }

    @Override
    public synchronized void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        open();
        ew.binary(op, n, x, xOff, y, yOff, out, outOff);
    }

    @Override
    public synchronized void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff,
                                        float[] out, int outOff) {
        open();
        ew.broadcast(op, true, rows, cols, x, xOff, v, vOff, out, outOff);
    }

    @Override
    public synchronized void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff,
                                        float[] out, int outOff) {
        open();
        ew.broadcast(op, false, rows, cols, x, xOff, v, vOff, out, outOff);
    }

    @Override
    public synchronized void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        open();
        ew.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    public synchronized void scale(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        open();
        ew.scale(n, alpha, x, xOff, out, outOff);
    }

    @Override
    public synchronized void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        open();
        ew.clamp(n, lo, hi, x, xOff, out, outOff);
    }

    @Override
    public synchronized void fill(int n, float value, float[] out, int outOff) {
        open();
        ew.fill(n, value, out, outOff);
    }

    @Override
    public synchronized void copyRows(int rows, int cols, float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd) {
        open();
        ew.copyRows(rows, cols, src, srcOff, lds, dst, dstOff, ldd);
    }

    // ---- reductions -------------------------------------------------------------------------

    @Override
    public synchronized float reduce(ReduceOp op, int n, float[] x, int xOff) {
        open();
        return red.reduce(op, n, x, xOff);
    }

    @Override
    public synchronized void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        open();
        red.reduceRows(op, rows, cols, x, xOff, out, outOff);
    }

    @Override
    public synchronized void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        open();
        red.reduceCols(op, rows, cols, x, xOff, out, outOff);
    }

    @Override
    public synchronized float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        open();
        return red.dot(n, x, xOff, y, yOff);
    }

    @Override
    public synchronized float norm2(int n, float[] x, int xOff) {
        open();
        return red.norm2(n, x, xOff, this);
    }

    // ---- softmax and normalisation ----------------------------------------------------------

    @Override
    public synchronized void softmaxRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        open();
        norm.softmaxRows(rows, cols, x, xOff, out, outOff);
    }

    @Override
    public synchronized void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff,
                                                 float[] gradIn, int giOff) {
        open();
        norm.softmaxRowsBackward(rows, cols, y, yOff, gradOut, gOff, gradIn, giOff);
    }

    @Override
    public synchronized void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta,
                                       float[] out, int outOff, float[] mean, float[] rstd) {
        open();
        norm.layerNorm(rows, cols, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
    }

    @Override
    public synchronized void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean,
                                               float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff,
                                               float[] gradGamma, float[] gradBeta) {
        open();
        norm.layerNormBackward(rows, cols, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
    }

    @Override
    public synchronized void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff,
                                       float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        open();
        norm.groupNorm(batch, channels, spatial, groups, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
    }

    @Override
    public synchronized void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff,
                                               float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff,
                                               float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        open();
        norm.groupNormBackward(batch, channels, spatial, groups, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff,
                gradGamma, gradBeta);
    }

    // ---- convolution data movement, random numbers, optimizer, quantized products -----------

    @Override
    public synchronized void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                                    int padH, int padW, float[] image, int imOff, float[] col, int colOff) {
        open();
        data.im2col(channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
    }

    @Override
    public synchronized void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                                    int padH, int padW, float[] col, int colOff, float[] image, int imOff) {
        open();
        data.col2im(channels, height, width, kh, kw, strideH, strideW, padH, padW, col, colOff, image, imOff);
    }

    @Override
    public synchronized void randomUniform(long seed, long stream, long offset, int n, float[] out, int outOff) {
        open();
        data.random(ClData.UNIFORM, seed, stream, offset, n, out, outOff);
    }

    @Override
    public synchronized void randomNormal(long seed, long stream, long offset, int n, float[] out, int outOff) {
        open();
        data.random(ClData.NORMAL, seed, stream, offset, n, out, outOff);
    }

    @Override
    public synchronized void randomRademacher(long seed, long stream, long offset, int n, float[] out, int outOff) {
        open();
        data.random(ClData.RADEMACHER, seed, stream, offset, n, out, outOff);
    }

    @Override
    public synchronized void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v,
                                        int vOff, float beta1, float beta2, float eps, float stepSize, float invSqrtBc2,
                                        float shrink, float l2) {
        open();
        ew.adamUpdate(n, p, pOff, g, gOff, m, mOff, v, vOff, beta1, beta2, eps, stepSize, invSqrtBc2, shrink, l2);
    }

    @Override
    public synchronized void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff) {
        open();
        blas.qgemv(w, x, xOff, beta, y, yOff);
    }

    @Override
    public synchronized void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float beta,
                                     float[] y, int yOff, int ldy) {
        open();
        blas.qmatmul(transW, m, w, x, xOff, ldx, beta, y, yOff, ldy);
    }
}
