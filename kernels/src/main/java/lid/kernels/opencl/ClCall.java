package lid.kernels.opencl;

import static org.jocl.CL.clReleaseMemObject;

import org.jocl.cl_mem;

/**
 * The device buffers of one kernel call. An adopted array resolves to its mirror (uploaded if
 * the host copy is newer) and, when written, is marked device-newer at {@link #close()}. Any
 * other array is transient: copied to a temporary buffer now and, when written, copied back
 * at close, so callers that pass their own arrays see ordinary synchronous results. The same
 * array passed twice (in place) resolves to the same buffer.
 */
final class ClCall implements AutoCloseable {
    /** Distinct arrays of one call (layerNormBackward and groupNormBackward take 8). */
    private static final int MAX = 12;

    private final ClSession s;
    private final float[][] arrays = new float[MAX][];
    private final cl_mem[] mems = new cl_mem[MAX];
    private final Mirrors.Mirror[] mirrors = new Mirrors.Mirror[MAX];
    private final boolean[] written = new boolean[MAX];
    private int count;

    ClCall(ClSession s) {
        this.s = s;
    }

    /** A buffer the kernel reads. */
    cl_mem in(float[] a) {
        return resolve(a, false);
    }

    /** A buffer the kernel writes (and may read). */
    cl_mem out(float[] a) {
        return resolve(a, true);
    }

    /** An optional input: a placeholder buffer when null (the kernel gets a has* flag). */
    cl_mem optIn(float[] a) {
        return a == null ? s.dummy : in(a);
    }

    cl_mem optOut(float[] a) {
        return a == null ? s.dummy : out(a);
    }

    private cl_mem resolve(float[] a, boolean write) {
        for (int i = 0; i < count; i++) {
            if (arrays[i] == a) {
                written[i] |= write;
                return mems[i];
            }
        }
        Mirrors.Mirror m = s.mirrors.find(a);
        cl_mem mem;
        if (m != null) {
            mem = s.mirrors.onDevice(m, a);
        } else {
            mem = s.rt.buffer(a.length);
            try {
                s.rt.write(mem, a);
            } catch (RuntimeException e) {
                clReleaseMemObject(mem);
                throw e;
            }
        }
        arrays[count] = a;
        mems[count] = mem;
        mirrors[count] = m;
        written[count] = write;
        count++;
        return mem;
    }

    @Override
    public void close() {
        for (int i = 0; i < count; i++) {
            if (mirrors[i] != null) {
                if (written[i]) {
                    mirrors[i].state = Mirrors.DEVICE_NEWER;
                }
            } else {
                if (written[i]) {
                    s.rt.read(mems[i], arrays[i]);
                }
                clReleaseMemObject(mems[i]);
            }
            arrays[i] = null;
            mems[i] = null;
            mirrors[i] = null;
        }
        count = 0;
    }
}
