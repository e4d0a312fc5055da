package lid.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory meter and buffer pool behind every tensor (the analogue of PyTorch's caching
 * allocator and {@code torch.cuda.max_memory_allocated}).
 *
 * <p>Live bytes are the float storage held by tensors that are not yet released; peak bytes
 * the maximum of live since the last {@link #resetPeak()}. Released buffers go back to a pool
 * keyed by exact length, so a training loop that allocates the same shapes every step
 * allocates nothing in steady state. Pooled (reserved but free) bytes are reported apart.
 */
public final class Memory {
    private Memory() {}

    private static final AtomicLong LIVE = new AtomicLong();
    private static final AtomicLong PEAK = new AtomicLong();
    private static final AtomicLong ALLOCATED_TOTAL = new AtomicLong();
    private static final Map<Integer, ArrayDeque<float[]>> POOL = new HashMap<>();
    private static long pooledBytes;
    /** Pool at most this many bytes of free buffers; beyond it released buffers go to the GC. */
    private static final long POOL_LIMIT = Long.getLong("lid.pool.bytes", 2L << 30);

    /** A zeroed buffer of n floats, counted as live. */
    static float[] take(int n) {
        return take(n, true);
    }

    /** A buffer of n floats (zeroed only if asked: op outputs that are fully overwritten skip it). */
    static float[] take(int n, boolean zero) {
        float[] b = null;
        synchronized (POOL) {
            ArrayDeque<float[]> q = POOL.get(n);
            if (q != null && !q.isEmpty()) {
                b = q.pop();
                pooledBytes -= 4L * n;
            }
        }
        if (b == null) {
            b = new float[n];
            ALLOCATED_TOTAL.addAndGet(4L * n);
            if (Engine.resident()) {
                Engine.kernels().adopt(b);
            }
        } else if (zero) {
            if (Engine.resident()) {
                // A pooled buffer may be newer on the device: zero it there (adopt: it may predate the backend).
                Engine.kernels().adopt(b);
                Engine.kernels().elementwise().fill(n, 0f, b, 0);
            } else {
                java.util.Arrays.fill(b, 0f);
            }
        } else if (Engine.resident()) {
            Engine.kernels().adopt(b);
        }
        countLive(4L * n);
        return b;
    }

    /** Returns a buffer taken with {@link #take}; the caller must not use it afterwards. */
    static void give(float[] b) {
        LIVE.addAndGet(-4L * b.length);
        synchronized (POOL) {
            if (pooledBytes + 4L * b.length <= POOL_LIMIT) {
                POOL.computeIfAbsent(b.length, k -> new ArrayDeque<>()).push(b);
                pooledBytes += 4L * b.length;
                return; // a pooled buffer keeps its device copy: that is the device buffer reuse
            }
        }
        if (Engine.resident()) {
            Engine.kernels().release(b);
        }
    }

    /** Counts memory that does not come from the pool (e.g. a storage that wraps user data). */
    static void countLive(long bytes) {
        long now = LIVE.addAndGet(bytes);
        PEAK.accumulateAndGet(now, Math::max);
    }

    /** Bytes of tensor storage held now. */
    public static long liveBytes() {
        return LIVE.get();
    }

    /** Highest {@link #liveBytes()} since the last reset. */
    public static long peakBytes() {
        return PEAK.get();
    }

    /** Starts a new peak measurement from the current live bytes. */
    public static void resetPeak() {
        PEAK.set(LIVE.get());
    }

    /** Free buffers kept for reuse. */
    public static long pooledBytes() {
        synchronized (POOL) {
            return pooledBytes;
        }
    }

    /** Bytes of new float arrays ever created by the pool (misses); flat in a steady training loop. */
    public static long allocatedTotalBytes() {
        return ALLOCATED_TOTAL.get();
    }

    /** Drops every pooled buffer (to the GC). */
    public static void trimPool() {
        java.util.List<float[]> dropped = new java.util.ArrayList<>();
        synchronized (POOL) {
            POOL.values().forEach(dropped::addAll);
            POOL.clear();
            pooledBytes = 0;
        }
        if (Engine.resident()) {
            dropped.forEach(Engine.kernels()::release);
        }
    }

    /**
     * Measures the peak of live bytes over a region, relative to live bytes at its start:
     * {@code try (var m = Memory.measure()) { ...; bytes = m.peakAboveStart(); }}. Nested
     * measurements see the same global peak, so keep them unnested.
     */
    public static Measurement measure() {
        return new Measurement();
    }

    public static final class Measurement implements AutoCloseable {
        private final long start;

        private Measurement() {
            start = LIVE.get();
            PEAK.set(start);
        }

        /** Peak live bytes since the measurement began minus the live bytes at its start. */
        public long peakAboveStart() {
            return PEAK.get() - start;
        }

        /** Peak live bytes since the measurement began. */
        public long peak() {
            return PEAK.get();
        }

        @Override
        public void close() {}
    }
}
