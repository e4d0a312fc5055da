package lid.kernels;

import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.VECTOR1;
import static lid.kernels.TestSupport.VECTOR2;
import static lid.kernels.TestSupport.VECTOR3;
import static lid.kernels.TestSupport.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Philox-4x32-10 and the RNG kernels: Random123 known answers, the element-to-word mapping,
 * moments within 5 standard errors, invariance to how (offset, n) is split, and bit identity
 * between backends and thread counts.
 */
class RandomTest {

    private static final Kernels[] BACKENDS = {SCALAR, VECTOR1, VECTOR3};

    private interface Fill {
        void fill(Kernels k, long seed, long stream, long offset, int n, float[] out, int outOff);
    }

    private static final Fill UNIFORM = (k, seed, stream, offset, n, out, outOff) -> k.random().randomUniform(seed, stream, offset, n, out, outOff);
    private static final Fill NORMAL = (k, seed, stream, offset, n, out, outOff) -> k.random().randomNormal(seed, stream, offset, n, out, outOff);
    private static final Fill RADEMACHER = (k, seed, stream, offset, n, out, outOff) -> k.random().randomRademacher(seed, stream, offset, n, out, outOff);
    private static final Fill[] ALL = {UNIFORM, NORMAL, RADEMACHER};

    /** Random123 kat_vectors, "philox4x32 10" lines: counter, key, expected output. */
    @Test
    void philoxKnownAnswers() {
        int[] out = new int[4];
        Philox.block(0, 0, 0, 0, 0, 0, out);
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, out);
        Philox.block(-1, -1, -1, -1, -1, -1, out);
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, out);
        Philox.block(0xa4093822, 0x299f31d0, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, out);
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    }

    /** Element i of (seed, stream) is word i % 4 of block i / 4; key and counter split 64-bit values low word first. */
    @Test
    void elementsFollowTheDocumentedMapping() {
        long seed = 0x1234_5678_9ABC_DEF0L;
        long stream = -3L;
        long offset = (1L << 40) + 6;
        int n = 11;
        int[] w = new int[4];
        for (Kernels k : BACKENDS) {
            float[] u = new float[n];
            float[] z = new float[n];
            float[] r = new float[n];
            k.random().randomUniform(seed, stream, offset, n, u, 0);
            k.random().randomNormal(seed, stream, offset, n, z, 0);
            k.random().randomRademacher(seed, stream, offset, n, r, 0);
            for (int j = 0; j < n; j++) {
                long pos = offset + j;
                long block = pos / 4;
                int q = (int) (pos % 4);
                Philox.block((int) seed, (int) (seed >>> 32), (int) block, (int) (block >>> 32),
                        (int) stream, (int) (stream >>> 32), w);
                assertEquals((w[q] >>> 8) / 16777216.0f, u[j], k.name() + " uniform " + j);
                assertEquals(w[q] >= 0 ? 1f : -1f, r[j], k.name() + " rademacher " + j);
                int a = w[q & 2];
                int b = w[(q & 2) + 1];
                double u1 = ((a >>> 8) + 0.5) / 16777216.0;
                double u2 = (b >>> 8) / 16777216.0;
                double radius = StrictMath.sqrt(-2 * StrictMath.log(u1));
                double angle = 2 * Math.PI * u2;
                float expected = (float) (q % 2 == 0 ? radius * StrictMath.cos(angle) : radius * StrictMath.sin(angle));
                assertEquals(expected, z[j], k.name() + " normal " + j);
            }
        }
        // Seed 0, stream 0, element 0 is the first known-answer word.
        float[] first = new float[1];
        SCALAR.random().randomUniform(0, 0, 0, 1, first, 0);
        assertEquals((0x6627e8d5 >>> 8) / 16777216.0f, first[0]);
    }

    /**
     * Over n = 100000 draws: uniform mean within 5 sqrt(1/12/n), variance within
     * 5 sqrt((1/80 - 1/144)/n) of 1/12; normal mean within 5/sqrt(n), variance within
     * 5 sqrt(2/n) of 1; Rademacher mean within 5/sqrt(n). The probability that a correct
     * generator fails any one check is below 1e-6.
     */
    @Test
    void momentsAreWithinFiveStandardErrors() {
        int n = 100_000;
        float[] u = new float[n];
        float[] z = new float[n];
        float[] r = new float[n];
        VECTOR2.random().randomUniform(42, 7, 0, n, u, 0);
        VECTOR2.random().randomNormal(42, 7, 0, n, z, 0);
        VECTOR2.random().randomRademacher(42, 7, 0, n, r, 0);
        double[] mu = moments(u);
        assertEquals(0.5, mu[0], 5 * Math.sqrt(1.0 / 12 / n), "uniform mean");
        assertEquals(1.0 / 12, mu[1], 5 * Math.sqrt((1.0 / 80 - 1.0 / 144) / n), "uniform variance");
        for (float v : u) {
            assertTrue(v >= 0f && v < 1f, "uniform in [0, 1): " + v);
        }
        double[] mz = moments(z);
        assertEquals(0.0, mz[0], 5 / Math.sqrt(n), "normal mean");
        assertEquals(1.0, mz[1], 5 * Math.sqrt(2.0 / n), "normal variance");
        for (float v : z) {
            assertTrue(Float.isFinite(v) && Math.abs(v) < 7, "normal value " + v);
        }
        double[] mr = moments(r);
        assertEquals(0.0, mr[0], 5 / Math.sqrt(n), "rademacher mean");
        for (float v : r) {
            assertTrue(v == 1f || v == -1f);
        }
        // Neighbouring normals (the two halves of one Box-Muller pair) are uncorrelated: 5 / sqrt(n / 2).
        double c = 0;
        for (int i = 0; i + 1 < n; i += 2) {
            c += z[i] * z[i + 1];
        }
        assertEquals(0.0, c / (n / 2), 5 / Math.sqrt(n / 2.0), "pair correlation");
    }

    private static double[] moments(float[] a) {
        double mean = 0;
        for (float v : a) {
            mean += v;
        }
        mean /= a.length;
        double var = 0;
        for (float v : a) {
            var += (v - mean) * (v - mean);
        }
        return new double[] {mean, var / a.length};
    }

    @Test
    void anySplitOfOffsetAndLengthGivesTheSameNumbers() {
        int n = 1000;
        for (Fill f : ALL) {
            for (Kernels k : BACKENDS) {
                float[] whole = new float[n];
                f.fill(k, 99, 5, 0, n, whole, 0);
                for (int a : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 500, 999}) {
                    float[] parts = new float[n + 3];
                    f.fill(k, 99, 5, 0, a, parts, 3);
                    f.fill(k, 99, 5, a, n - a, parts, 3 + a);
                    assertSameBits(whole, Arrays.copyOfRange(parts, 3, 3 + n), k.name() + " split at " + a);
                }
                float[] window = new float[37];
                f.fill(k, 99, 5, 13, 37, window, 0);
                assertSameBits(Arrays.copyOfRange(whole, 13, 50), window, k.name() + " window");
            }
        }
    }

    @Test
    void backendsAndThreadCountsGiveTheSameBits() {
        int n = 200_003;
        long offset = 12_345;
        for (Fill f : ALL) {
            float[] expected = new float[n];
            f.fill(SCALAR, -5, 1L << 33, offset, n, expected, 0);
            for (Kernels k : new Kernels[] {VECTOR1, VECTOR2, VECTOR3}) {
                float[] actual = new float[n + 1];
                f.fill(k, -5, 1L << 33, offset, n, actual, 1);
                assertSameBits(expected, Arrays.copyOfRange(actual, 1, n + 1), k.name() + "/" + k.threads());
            }
        }
    }

    @Test
    void seedsAndStreamsAreIndependent() {
        int n = 64;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        float[] d = new float[n];
        SCALAR.random().randomUniform(1, 0, 0, n, a, 0);
        SCALAR.random().randomUniform(2, 0, 0, n, b, 0);
        SCALAR.random().randomUniform(1, 1, 0, n, c, 0);
        SCALAR.random().randomUniform(1L << 32 | 1, 0, 0, n, d, 0);
        assertFalse(Arrays.equals(a, b), "seed 1 vs 2");
        assertFalse(Arrays.equals(a, c), "stream 0 vs 1");
        assertFalse(Arrays.equals(a, d), "the high word of the seed is used");
        float[] again = new float[n];
        SCALAR.random().randomUniform(1, 0, 0, n, again, 0);
        assertArrayEquals(a, again);
    }
}
