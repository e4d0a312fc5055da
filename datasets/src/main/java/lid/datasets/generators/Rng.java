package lid.datasets.generators;

import lid.kernels.Kernels;
import lid.kernels.RandomKeys;
import lid.kernels.ScalarKernels;

/**
 * Deterministic random numbers for dataset generation, on the project's counter-based Philox
 * kernels: every independent draw takes a fresh stream id (allocated in program order), so a
 * dataset depends only on its SPEC and seed, never on threads or backends. The scalar kernels
 * are used on purpose: the data must not depend on the compute backend. The Philox key comes
 * from a seed and a purpose ({@link #of}): a generator gets one Rng for its manifold (the SPEC's
 * instance) and another for its sample (--seed).
 *
 * <p>Not thread-safe (one instance belongs to one generation call).
 */
public final class Rng {
    private static final Kernels KERNELS = ScalarKernels.INSTANCE;
    /** Streams of one Rng are base + 0 .. base + 2^24 - 1; children get bases far apart. */
    private static final int STREAM_BITS = 24;

    private final long seed;
    private final long base;
    private long next;

    /** An Rng on this Philox key (prefer {@link #of}, which derives the key from a seed and a purpose). */
    public Rng(long key) {
        this(key, 0L);
    }

    /** An Rng for draws of one purpose under a user's seed (see {@link RandomKeys}). */
    public static Rng of(long seed, RandomKeys.Purpose purpose) {
        return new Rng(RandomKeys.key(seed, purpose));
    }

    private Rng(long seed, long base) {
        this.seed = seed;
        this.base = base;
    }

    public long seed() {
        return seed;
    }

    /** A new stream id for one independent draw. */
    public long newStream() {
        if (next >= (1L << STREAM_BITS)) {
            throw new IllegalStateException("too many random streams in one dataset");
        }
        return base + next++;
    }

    /** An independent generator for part {@code index} (e.g. one part of a union). */
    public Rng child(long index) {
        long h = mix(base ^ mix(index + 0x632BE59BD9B4E019L));
        return new Rng(seed, h & -(1L << STREAM_BITS));
    }

    /** n uniforms in [0, 1) (24-bit resolution) from a new stream. */
    public float[] uniform(int n) {
        float[] out = new float[n];
        KERNELS.random().randomUniform(seed, newStream(), 0, n, out, 0);
        return out;
    }

    /** n standard normals from a new stream. */
    public float[] normal(int n) {
        float[] out = new float[n];
        KERNELS.random().randomNormal(seed, newStream(), 0, n, out, 0);
        return out;
    }

    /** Elements offset .. offset+len-1 of uniform stream {@code stream} into out[off ..]. */
    public void uniform(long stream, long offset, float[] out, int off, int len) {
        KERNELS.random().randomUniform(seed, stream, offset, len, out, off);
    }

    /** Elements offset .. offset+len-1 of normal stream {@code stream} into out[off ..]. */
    public void normal(long stream, long offset, float[] out, int off, int len) {
        KERNELS.random().randomNormal(seed, stream, offset, len, out, off);
    }

    /** A uniform in (0, 1): the 24-bit uniform moved to the middle of its cell, never 0 or 1. */
    public static double open(float u) {
        return u + 0x1p-25;
    }

    /** A random permutation of 0..n-1 (Fisher-Yates on one uniform stream). */
    public int[] permutation(int n) {
        float[] u = uniform(Math.max(n, 1));
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = Math.min(i, (int) (u[i] * (i + 1)));
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
