package lid.kernels;

/**
 * Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC11), the
 * counter-based generator of Random123, and the streams the RNG kernels draw from it.
 *
 * <p>Key = (low 32 bits of seed, high 32 bits of seed); counter = (low32(block),
 * high32(block), low32(stream), high32(stream)). Element i of stream (seed, stream) is
 * word i % 4 of block i / 4, so a value depends only on (seed, stream, i), never on how a
 * call is split. From a 32-bit word w:
 * <ul>
 *   <li>uniform: (w >>> 8) * 2^-24, in [0, 1), exact in float;</li>
 *   <li>rademacher: +1 when the top bit of w is 0, else -1;</li>
 *   <li>normal: words (w0, w1) of a block give elements 4b, 4b+1 and (w2, w3) give 4b+2,
 *       4b+3 by Box-Muller: u1 = ((w0 >>> 8) + 0.5) * 2^-24 (never 0),
 *       u2 = (w1 >>> 8) * 2^-24, r = sqrt(-2 ln u1), z0 = r cos(2 pi u2),
 *       z1 = r sin(2 pi u2), in double with {@link StrictMath} and then rounded to float, so
 *       the bits are the same on every machine.</li>
 * </ul>
 */
final class Philox {
    private Philox() {}

    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    static final int ROUNDS = 10;

    private static final long LOW = 0xFFFF_FFFFL;

    /** out[0..3] = Philox-4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1). */
    static void block(int k0, int k1, int c0, int c1, int c2, int c3, int[] out) {
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = (M0 & LOW) * (c0 & LOW);
            long p1 = (M1 & LOW) * (c2 & LOW);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** The four words of block number {@code block} of stream (seed, stream). */
    static void block(long seed, long stream, long block, int[] out) {
        block((int) seed, (int) (seed >>> 32), (int) block, (int) (block >>> 32), (int) stream, (int) (stream >>> 32), out);
    }

    /** out[outOff + j] = uniform element offset + j of (seed, stream), j < n. */
    static void uniform(long seed, long stream, long offset, int n, float[] out, int outOff) {
        int[] w = new int[4];
        int j = 0;
        while (j < n) {
            long pos = offset + j;
            block(seed, stream, pos >>> 2, w);
            for (int q = (int) (pos & 3); q < 4 && j < n; q++, j++) {
                out[outOff + j] = (w[q] >>> 8) * 0x1p-24f;
            }
        }
    }

    /** out[outOff + j] = +1 or -1, element offset + j of (seed, stream), j < n. */
    static void rademacher(long seed, long stream, long offset, int n, float[] out, int outOff) {
        int[] w = new int[4];
        int j = 0;
        while (j < n) {
            long pos = offset + j;
            block(seed, stream, pos >>> 2, w);
            for (int q = (int) (pos & 3); q < 4 && j < n; q++, j++) {
                out[outOff + j] = w[q] >= 0 ? 1f : -1f;
            }
        }
    }

    /** out[outOff + j] = standard normal element offset + j of (seed, stream), j < n. */
    static void normal(long seed, long stream, long offset, int n, float[] out, int outOff) {
        int[] w = SCRATCH_W.get();
        float[] z = SCRATCH_Z.get();
        int j = 0;
        while (j < n) {
            long pos = offset + j;
            int first = (int) (pos & 3);
            int last = (int) Math.min(3, first + (long) (n - j) - 1);
            block(seed, stream, pos >>> 2, w);
            if (first < 2) {
                boxMuller(w[0], w[1], z, 0);
            }
            if (last >= 2) {
                boxMuller(w[2], w[3], z, 2);
            }
            for (int q = first; q <= last; q++, j++) {
                out[outOff + j] = z[q];
            }
        }
    }

    private static final ThreadLocal<int[]> SCRATCH_W = ThreadLocal.withInitial(() -> new int[4]);
    private static final ThreadLocal<float[]> SCRATCH_Z = ThreadLocal.withInitial(() -> new float[4]);

    /** z[at], z[at+1] = the Box-Muller pair of words (a, b). */
    static void boxMuller(int a, int b, float[] z, int at) {
        double u1 = ((a >>> 8) + 0.5) * 0x1p-24;
        double u2 = (b >>> 8) * 0x1p-24;
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        // theta = 2 pi u2, reduced to a quadrant by hand: phi = 2 pi (u2 - q/4) lies in [-pi/4, pi/4],
        // where StrictMath's sin/cos need no argument reduction (which allocates in the JDK's FdLibm).
        int q = (int) (u2 * 4 + 0.5);
        double phi = 2.0 * Math.PI * (u2 - q * 0.25);
        double c = StrictMath.cos(phi);
        double s = StrictMath.sin(phi);
        double cosT, sinT;
        switch (q & 3) {
            case 0 -> { cosT = c; sinT = s; }
            case 1 -> { cosT = -s; sinT = c; }
            case 2 -> { cosT = -c; sinT = -s; }
            default -> { cosT = s; sinT = -c; }
        }
        z[at] = (float) (r * cosT);
        z[at + 1] = (float) (r * sinT);
    }
}
