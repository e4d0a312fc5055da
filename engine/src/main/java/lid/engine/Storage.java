package lid.engine;

import lid.kernels.Kernels;

/**
 * Backing store of one or more tensors (a tensor and its views share one). Reference-counted:
 * when the last holder releases it, its buffer returns to the {@link Memory} pool.
 *
 * <p>On a device backend ({@link Engine#resident()}) a pooled buffer is adopted by the backend
 * and may be newer on the device than on the host. {@link #data()} is the host accessor: it
 * brings the values to the host and, since the caller may write, marks the host copy newer;
 * {@link #read()} is for callers that only read; {@link #dev()} hands the array to kernels
 * without any transfer and must be used only for arguments of {@link Kernels} calls.
 */
final class Storage {
    private float[] data;
    private int holders = 1;
    private final boolean pooled;

    private Storage(float[] data, boolean pooled) {
        this.data = data;
        this.pooled = pooled;
    }

    /** Fresh zeroed storage from the pool. */
    static Storage allocate(int n) {
        return new Storage(Memory.take(n), true);
    }

    /** Fresh storage from the pool with undefined contents (the caller overwrites every element). */
    static Storage allocateUninitialized(int n) {
        return new Storage(Memory.take(n, false), true);
    }

    /** Wraps caller data without copying (counted live until released); never device-resident. */
    static Storage wrap(float[] data) {
        Memory.countLive(4L * data.length);
        return new Storage(data, false);
    }

    /** The array for host code that may read and write it (synced from the device first). */
    float[] data() {
        float[] d = array();
        if (Engine.resident()) {
            Kernels k = Engine.kernels();
            k.toHost(d);
            k.hostWrote(d);
        }
        return d;
    }

    /** The array for host code that only reads it. */
    float[] read() {
        float[] d = array();
        if (Engine.resident()) {
            Engine.kernels().toHost(d);
        }
        return d;
    }

    /**
     * The array for host code that overwrites every element of it: no download, the host copy
     * becomes the newest. Only for callers that cover the whole array (see Tensor.overwrite).
     */
    float[] overwrite() {
        float[] d = array();
        if (Engine.resident()) {
            Engine.kernels().hostWrote(d);
        }
        return d;
    }

    /**
     * The array as an argument of a kernel call (may be newer on the device than on the host).
     * On a device backend a pooled array is (re)adopted here, so tensors created before the
     * backend was chosen become resident too; wrapped caller arrays never are.
     */
    float[] dev() {
        float[] d = array();
        if (pooled && Engine.resident()) {
            Engine.kernels().adopt(d);
        }
        return d;
    }

    private float[] array() {
        float[] d = data;
        if (d == null) {
            throw new IllegalStateException("tensor storage was released; the tensor belonged to a closed Arena "
                    + "or was released explicitly (keep it with Arena.keep(tensor) or tensor.copy())");
        }
        return d;
    }

    boolean released() {
        return data == null;
    }

    void retain() {
        if (data == null) {
            throw new IllegalStateException("cannot share released storage");
        }
        holders++;
    }

    void release() {
        if (data == null) {
            return;
        }
        if (--holders == 0) {
            float[] d = data;
            data = null;
            if (pooled) {
                Memory.give(d);
            } else {
                Memory.countLive(-4L * d.length);
            }
        }
    }

    int capacity() {
        return data == null ? 0 : data.length;
    }
}
