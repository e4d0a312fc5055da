package lid.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import lid.kernels.BinaryOp;
import lid.kernels.Kernels;
import lid.kernels.QuantizedMatrix;
import lid.kernels.ReduceOp;
import lid.kernels.UnaryOp;

/**
 * A test double of a device backend: computes on the CPU backend, but keeps a separate
 * "device" copy of every adopted array and, while that copy is newer, fills the host array
 * with NaN. Engine code that reads a tensor on the host without syncing (Tensor.data / read)
 * sees NaN, and a host write it does not announce is lost, so the engine's tests fail where a
 * sync is missing, exactly where they would give wrong numbers on an OpenCL device.
 * Run the engine tests on it with {@code -Dlid.test.kernels=shadow} (see TestBackend).
 */
final class ShadowKernels implements Kernels {
    private static final int HOST_NEWER = 0, DEVICE_NEWER = 1, SYNCED = 2;

    private static final class Mirror {
        final float[] dev;
        int state = HOST_NEWER;

        Mirror(int n) {
            dev = new float[n];
        }
    }

    private final Kernels cpu;
    private final Map<float[], Mirror> mirrors = new IdentityHashMap<>();
    private final List<float[]> written = new ArrayList<>();

    ShadowKernels(Kernels cpu) {
        this.cpu = cpu;
    }

    @Override public String name() { return "shadow(" + cpu.name() + ")"; }
    @Override public int threads() { return cpu.threads(); }
    @Override public String device() { return "shadow"; }

    @Override
    public synchronized void adopt(float[] a) {
        mirrors.computeIfAbsent(a, k -> new Mirror(k.length));
    }

    @Override
    public synchronized void release(float[] a) {
        mirrors.remove(a);
    }

    @Override
    public synchronized void toHost(float[] a) {
        Mirror m = mirrors.get(a);
        if (m != null && m.state == DEVICE_NEWER) {
            System.arraycopy(m.dev, 0, a, 0, a.length);
            m.state = SYNCED;
        }
    }

    @Override
    public synchronized void hostWrote(float[] a) {
        Mirror m = mirrors.get(a);
        if (m != null) {
            m.state = HOST_NEWER;
        }
    }

    @Override
    public synchronized void evictAll() {
        for (float[] a : new ArrayList<>(mirrors.keySet())) {
            toHost(a);
        }
        mirrors.clear();
    }

    /** The array a kernel reads: the device copy of an adopted array (uploaded if stale). */
    private float[] in(float[] a) {
        if (a == null) {
            return null;
        }
        Mirror m = mirrors.get(a);
        if (m == null) {
            return a;
        }
        if (m.state == HOST_NEWER) {
            System.arraycopy(a, 0, m.dev, 0, a.length);
            m.state = SYNCED;
        }
        return m.dev;
    }

    /** The array a kernel writes; after the call the device copy is newer and the host copy poisoned. */
    private float[] out(float[] a) {
        float[] d = in(a);
        if (d != a) {
            written.add(a);
        }
        return d;
    }

    private void begin() {
        written.clear();
    }

    private void done() {
        for (float[] a : written) {
            mirrors.get(a).state = DEVICE_NEWER;
            Arrays.fill(a, Float.NaN);
        }
        written.clear();
    }

    @Override
    public synchronized void sgemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        begin();
        cpu.sgemm(ta, tb, m, n, k, alpha, in(a), aOff, lda, in(b), bOff, ldb, beta, out(c), cOff, ldc);
        done();
    }

    @Override
    public synchronized void sgemmBatched(int batch, boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a,
                                          int aOff, int lda, int sA, float[] b, int bOff, int ldb, int sB, float beta,
                                          float[] c, int cOff, int ldc, int sC) {
        begin();
        cpu.sgemmBatched(batch, ta, tb, m, n, k, alpha, in(a), aOff, lda, sA, in(b), bOff, ldb, sB, beta, out(c), cOff, ldc, sC);
        done();
    }

    @Override
    public synchronized void sgemv(boolean ta, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                                   float beta, float[] y, int yOff) {
        begin();
        cpu.sgemv(ta, m, n, alpha, in(a), aOff, lda, in(x), xOff, beta, out(y), yOff);
        done();
    }

    @Override
    public synchronized void unary(UnaryOp op, int n, float[] x, int xOff, float[] o, int oOff) {
        begin();
        cpu.unary(op, n, in(x), xOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] g, int gOff, float[] gi, int giOff) {
        begin();
        cpu.unaryBackward(op, n, in(x), xOff, in(g), gOff, out(gi), giOff);
        done();
    }

    @Override
    public synchronized void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] o, int oOff) {
        begin();
        cpu.binary(op, n, in(x), xOff, in(y), yOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] o, int oOff) {
        begin();
        cpu.binaryRows(op, rows, cols, in(x), xOff, in(v), vOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] o, int oOff) {
        begin();
        cpu.binaryCols(op, rows, cols, in(x), xOff, in(v), vOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        begin();
        cpu.axpy(n, alpha, in(x), xOff, out(y), yOff);
        done();
    }

    @Override
    public synchronized void scale(int n, float alpha, float[] x, int xOff, float[] o, int oOff) {
        begin();
        cpu.scale(n, alpha, in(x), xOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized void clamp(int n, float lo, float hi, float[] x, int xOff, float[] o, int oOff) {
        begin();
        cpu.clamp(n, lo, hi, in(x), xOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized void fill(int n, float value, float[] o, int oOff) {
        begin();
        cpu.fill(n, value, out(o), oOff);
        done();
    }

    @Override
    public synchronized void copyRows(int rows, int cols, float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd) {
        begin();
        cpu.copyRows(rows, cols, in(src), srcOff, lds, out(dst), dstOff, ldd);
        done();
    }

    @Override
    public synchronized float reduce(ReduceOp op, int n, float[] x, int xOff) {
        return cpu.reduce(op, n, in(x), xOff);
    }

    @Override
    public synchronized void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] o, int oOff) {
        begin();
        cpu.reduceRows(op, rows, cols, in(x), xOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] o, int oOff) {
        begin();
        cpu.reduceCols(op, rows, cols, in(x), xOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        return cpu.dot(n, in(x), xOff, in(y), yOff);
    }

    @Override
    public synchronized float norm2(int n, float[] x, int xOff) {
        return cpu.norm2(n, in(x), xOff);
    }

    @Override
    public synchronized void softmaxRows(int rows, int cols, float[] x, int xOff, float[] o, int oOff) {
        begin();
        cpu.softmaxRows(rows, cols, in(x), xOff, out(o), oOff);
        done();
    }

    @Override
    public synchronized void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] g, int gOff, float[] gi, int giOff) {
        begin();
        cpu.softmaxRowsBackward(rows, cols, in(y), yOff, in(g), gOff, out(gi), giOff);
        done();
    }

    @Override
    public synchronized void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta,
                                       float[] o, int oOff, float[] mean, float[] rstd) {
        begin();
        cpu.layerNorm(rows, cols, eps, in(x), xOff, in(gamma), in(beta), out(o), oOff, out(mean), out(rstd));
        done();
    }

    @Override
    public synchronized void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                                               float[] g, int gOff, float[] gx, int gxOff, float[] gg, float[] gb) {
        begin();
        cpu.layerNormBackward(rows, cols, in(x), xOff, in(gamma), in(mean), in(rstd), in(g), gOff, out(gx), gxOff,
                gg == null ? null : out(gg), gb == null ? null : out(gb));
        done();
    }

    @Override
    public synchronized void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff,
                                       float[] gamma, float[] beta, float[] o, int oOff, float[] mean, float[] rstd) {
        begin();
        cpu.groupNorm(batch, channels, spatial, groups, eps, in(x), xOff, in(gamma), in(beta), out(o), oOff, out(mean), out(rstd));
        done();
    }

    @Override
    public synchronized void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff,
                                               float[] gamma, float[] mean, float[] rstd, float[] g, int gOff,
                                               float[] gx, int gxOff, float[] gg, float[] gb) {
        begin();
        cpu.groupNormBackward(batch, channels, spatial, groups, in(x), xOff, in(gamma), in(mean), in(rstd), in(g), gOff,
                out(gx), gxOff, gg == null ? null : out(gg), gb == null ? null : out(gb));
        done();
    }

    @Override
    public synchronized void im2col(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, float[] image, int imOff,
                                    float[] col, int colOff) {
        begin();
        cpu.im2col(c, h, w, kh, kw, sh, sw, ph, pw, in(image), imOff, out(col), colOff);
        done();
    }

    @Override
    public synchronized void col2im(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, float[] col, int colOff,
                                    float[] image, int imOff) {
        begin();
        cpu.col2im(c, h, w, kh, kw, sh, sw, ph, pw, in(col), colOff, out(image), imOff);
        done();
    }

    @Override
    public synchronized void randomUniform(long seed, long stream, long offset, int n, float[] o, int oOff) {
        begin();
        cpu.randomUniform(seed, stream, offset, n, out(o), oOff);
        done();
    }

    @Override
    public synchronized void randomNormal(long seed, long stream, long offset, int n, float[] o, int oOff) {
        begin();
        cpu.randomNormal(seed, stream, offset, n, out(o), oOff);
        done();
    }

    @Override
    public synchronized void randomRademacher(long seed, long stream, long offset, int n, float[] o, int oOff) {
        begin();
        cpu.randomRademacher(seed, stream, offset, n, out(o), oOff);
        done();
    }

    @Override
    public synchronized void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                                        float beta1, float beta2, float eps, float stepSize, float invSqrtBc2, float shrink, float l2) {
        begin();
        cpu.adamUpdate(n, out(p), pOff, in(g), gOff, out(m), mOff, out(v), vOff, beta1, beta2, eps, stepSize, invSqrtBc2, shrink, l2);
        done();
    }

    @Override
    public synchronized void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff) {
        begin();
        cpu.qgemv(w, in(x), xOff, beta, out(y), yOff);
        done();
    }

    @Override
    public synchronized void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float beta,
                                     float[] y, int yOff, int ldy) {
        begin();
        cpu.qmatmul(transW, m, w, in(x), xOff, ldx, beta, out(y), yOff, ldy);
        done();
    }
}
