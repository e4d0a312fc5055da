package lid.engine;

/**
 * Backing store of one or more tensors (a tensor and its views share one). Reference-counted:
 * when the last holder releases it, its buffer returns to the {@link Memory} pool.
 * Device buffers (OpenCL) and quantized weight formats will be further kinds of storage.
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

    /** Wraps caller data without copying (counted live until released). */
    static Storage wrap(float[] data) {
        Memory.countLive(4L * data.length);
        return new Storage(data, false);
    }

    float[] data() {
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
