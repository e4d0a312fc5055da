package lid.kernels.opencl;

import lid.kernels.Kernels;

/**
 * The {@link Kernels} primitive set on one OpenCL device (open one with {@link OpenCl#open}).
 *
 * <p>Residency: arrays the engine {@link #adopt}s keep a device copy between calls and move
 * only when host code reads ({@link #toHost}) or writes ({@link #hostWrote}) them; any other
 * array is copied in and out within the call, so direct callers get ordinary results. Every
 * call, of every family, takes the session's lock (the queue is in order and kernel arguments are
 * per-object state). The families are {@link ClBlas} (GEMM and the quantized products),
 * {@link ClElementwise} (elementwise and Adam), {@link ClReductions}, {@link ClNormalization} and
 * {@link ClData} (im2col/col2im and random numbers).
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
    private final ClElementwise ew;
    private final Families families;

    OpenClKernels(OpenCl.Found found) {
        ClRuntime rt = new ClRuntime(found);
        this.s = new ClSession(rt);
        ClBlas blas = new ClBlas(s);
        ClData data = new ClData(s);
        this.ew = new ClElementwise(s);
        this.families = new Families(blas, ew, new ClReductions(s), new ClNormalization(s), data, data, ew, blas);
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

    // ---- residency: one lock with every kernel call (the session's) ---------------------------

    @Override
    public void adopt(float[] a) {
        synchronized (s) {
            s.checkOpen();
            s.mirrors.adopt(a);
        }
    }

    @Override
    public void release(float[] a) {
        synchronized (s) {
            if (!s.closed) {
                s.mirrors.release(a);
            }
        }
    }

    @Override
    public void toHost(float[] a) {
        synchronized (s) {
            if (!s.closed) {
                s.mirrors.toHost(a);
            }
        }
    }

    @Override
    public void hostWrote(float[] a) {
        synchronized (s) {
            if (!s.closed) {
                s.mirrors.hostWrote(a);
            }
        }
    }

    @Override
    public void evictAll() {
        synchronized (s) {
            if (!s.closed) {
                s.mirrors.evictAll();
            }
        }
    }

    /** Arrays adopted and not yet collected (for tests and diagnostics). */
    public int adoptedArrays() {
        synchronized (s) {
            return s.mirrors.size();
        }
    }

    /** Bytes copied between host and device so far: {uploaded, downloaded} (residency diagnostics). */
    public long[] transferredBytes() {
        synchronized (s) {
            return new long[] {s.rt.uploaded, s.rt.downloaded};
        }
    }

    /** Bytes of device buffers holding adopted arrays. */
    public long residentBytes() {
        synchronized (s) {
            return s.mirrors.deviceBytes();
        }
    }

    @Override
    public void finish() {
        synchronized (s) {
            s.checkOpen();
            s.rt.finish();
        }
    }

    /** Brings adopted arrays back to the host (see {@link #evictAll}), then releases every OpenCL object. */
    @Override
    public void close() {
        synchronized (s) {
            if (!s.closed) {
                s.mirrors.evictAll();
                s.closed = true;
                s.close();
            }
        }
    }

    @Override
    public boolean resident() {
        return true;
    }

    @Override
    public void copyRows(int rows, int cols, float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd) {
        synchronized (s) {
            s.checkOpen();
            ew.copyRows(rows, cols, src, srcOff, lds, dst, dstOff, ldd);
        }
    }

    // ---- the families: every call takes the session's lock -----------------------------------

    @Override
    public Families families() {
        return families;
    }
}
