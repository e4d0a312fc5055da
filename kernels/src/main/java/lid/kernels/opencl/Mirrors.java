package lid.kernels.opencl;

import static org.jocl.CL.clReleaseMemObject;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import org.jocl.cl_mem;

/**
 * Device copies of adopted host arrays: a weak identity map float[] -> {buffer, which copy is
 * newer}. An adopted array has a device buffer of its full length once a kernel used it; its
 * state says whether the host copy or the device copy is newer, or both agree. Kernel inputs
 * that are host-newer are uploaded before the launch; outputs become device-newer after it;
 * {@link #toHost} downloads a device-newer array. An array the program dropped without telling
 * (garbage collected) has its buffer released at the next call.
 *
 * <p>Not thread-safe: {@link OpenClKernels} calls it under its lock.
 */
final class Mirrors implements AutoCloseable {
    static final int HOST_NEWER = 0;
    static final int DEVICE_NEWER = 1;
    static final int SYNCED = 2;

    /** Weak key compared by the identity of its array. */
    private static final class Key extends WeakReference<float[]> {
        private final int hash;

        Key(float[] a, ReferenceQueue<float[]> q) {
            super(a, q);
            hash = System.identityHashCode(a);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }
    }

    /** Looks an array up without allocating (HashMap calls probe.equals(storedKey)). */
    private static final class Probe {
        float[] array;

        @Override
        public int hashCode() {
            return System.identityHashCode(array);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.refersTo(array);
        }
    }

    static final class Mirror {
        final int length;
        cl_mem mem;
        int state = HOST_NEWER;

        Mirror(int length) {
            this.length = length;
        }
    }

    private final ClRuntime rt;
    private final Map<Object, Mirror> map = new HashMap<>();
    private final ReferenceQueue<float[]> dead = new ReferenceQueue<>();
    private final Probe probe = new Probe();
    private long deviceBytes;

    Mirrors(ClRuntime rt) {
        this.rt = rt;
    }

    void adopt(float[] a) {
        reclaim();
        if (find(a) == null) {
            map.put(new Key(a, dead), new Mirror(a.length));
        }
    }

    void release(float[] a) {
        probe.array = a;
        Mirror m = map.remove(probe);
        probe.array = null;
        free(m);
    }

    void toHost(float[] a) {
        Mirror m = find(a);
        if (m != null && m.state == DEVICE_NEWER) {
            rt.read(m.mem, a);
            m.state = SYNCED;
        }
    }

    void hostWrote(float[] a) {
        Mirror m = find(a);
        if (m != null) {
            m.state = HOST_NEWER;
        }
    }

    /** The mirror of an adopted array, or null. */
    Mirror find(float[] a) {
        probe.array = a;
        Mirror m = map.get(probe);
        probe.array = null;
        return m;
    }

    /** The device buffer of an adopted array with the newest values (uploads a host-newer array). */
    cl_mem onDevice(Mirror m, float[] a) {
        if (m.mem == null) {
            m.mem = rt.buffer(m.length);
            deviceBytes += 4L * Math.max(1, m.length);
        }
        if (m.state == HOST_NEWER) {
            rt.write(m.mem, a);
            m.state = SYNCED;
        }
        return m.mem;
    }

    /** Releases the buffers of arrays that were garbage collected. */
    void reclaim() {
        Reference<? extends float[]> r;
        while ((r = dead.poll()) != null) {
            free(map.remove(r));
        }
    }

    /** Bytes of device buffers held for adopted arrays. */
    long deviceBytes() {
        return deviceBytes;
    }

    int size() {
        return map.size();
    }

    private void free(Mirror m) {
        if (m != null && m.mem != null) {
            clReleaseMemObject(m.mem);
            deviceBytes -= 4L * Math.max(1, m.length);
            m.mem = null;
        }
    }

    /** Downloads every device-newer array, then forgets all arrays and frees their buffers. */
    void evictAll() {
        for (Map.Entry<Object, Mirror> e : map.entrySet()) {
            float[] a = ((Key) e.getKey()).get();
            Mirror m = e.getValue();
            if (a != null && m.state == DEVICE_NEWER) {
                rt.read(m.mem, a);
            }
            free(m);
        }
        map.clear();
    }

    @Override
    public void close() {
        for (Mirror m : map.values()) {
            free(m);
        }
        map.clear();
    }
}
