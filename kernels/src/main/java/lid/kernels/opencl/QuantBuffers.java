package lid.kernels.opencl;

import static org.jocl.CL.clReleaseMemObject;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import lid.kernels.QuantizedMatrix;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * Device copies of quantized weight matrices, uploaded once per {@link QuantizedMatrix} (by
 * identity; a matrix is immutable) and released when the matrix is garbage collected or the
 * device is closed. data holds the format's array as stored (float, 16-bit halves or bytes),
 * scales the Q8 / Q4 block scales.
 */
final class QuantBuffers implements AutoCloseable {
    record Uploaded(cl_mem data, cl_mem scales) {}

    private static final class Key extends WeakReference<QuantizedMatrix> {
        Key(QuantizedMatrix w, ReferenceQueue<QuantizedMatrix> q) {
            super(w, q);
        }
    }

    private final ClRuntime rt;
    private final Map<QuantizedMatrix, Key> keys = new java.util.WeakHashMap<>();
    private final Map<Key, Uploaded> buffers = new HashMap<>();
    private final ReferenceQueue<QuantizedMatrix> dead = new ReferenceQueue<>();

    QuantBuffers(ClRuntime rt) {
        this.rt = rt;
    }

    Uploaded of(QuantizedMatrix w) {
        Key k = keys.get(w);
        if (k != null) {
            return buffers.get(k);
        }
        Object data = w.data();
        cl_mem d = switch (data) {
            case float[] f -> rt.bytes(4L * f.length, Pointer.to(f));
            case short[] h -> rt.bytes(2L * h.length, Pointer.to(h));
            case byte[] b -> rt.bytes(b.length, Pointer.to(b));
            default -> throw new IllegalArgumentException("unknown quantized storage " + data.getClass());
        };
        float[] sc = w.scales();
        cl_mem s = sc == null ? null : rt.bytes(4L * sc.length, Pointer.to(sc));
        Uploaded u = new Uploaded(d, s);
        k = new Key(w, dead);
        keys.put(w, k);
        buffers.put(k, u);
        return u;
    }

    void reclaim() {
        Reference<? extends QuantizedMatrix> r;
        while ((r = dead.poll()) != null) {
            free(buffers.remove(r));
        }
    }

    private static void free(Uploaded u) {
        if (u != null) {
            clReleaseMemObject(u.data);
            if (u.scales != null) {
                clReleaseMemObject(u.scales);
            }
        }
    }

    @Override
    public void close() {
        buffers.values().forEach(QuantBuffers::free);
        buffers.clear();
        keys.clear();
    }
}
