package lid.kernels;

import java.util.List;
import java.util.ArrayList;
import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Philox-4x32-10 and the RNG kernels: Random123 known answers, the element-to-word mapping,
 * moments within 5 standard errors, invariance to how (offset, n) is split, and every backend
 * against the scalar reference: the same bits for uniform and Rademacher numbers, and for normal
 * numbers within {@link TestBackend#normalTol} (0 on the CPU, whose formulas are the reference's;
 * rounding on an OpenCL device).
 */
@ExtendWith(BackendInFailures.class)
class RandomTest {

    /** The three generators, with one signature. */
    private enum Fill {
        UNIFORM, NORMAL, RADEMACHER;

        void fill(Kernels k, long seed, long stream, long offset, int n, float[] out, int outOff) {
            switch (this) {
                case UNIFORM -> k.random().randomUniform(seed, stream, offset, n, out, outOff);
                case NORMAL -> k.random().randomNormal(seed, stream, offset, n, out, outOff);
                case RADEMACHER -> k.random().randomRademacher(seed, stream, offset, n, out, outOff);
            }
        }
    }

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
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void elementsFollowTheDocumentedMapping(TestBackend backend) {
        Kernels k = backend.kernels();
        long seed = 0x1234_5678_9ABC_DEF0L;
        long stream = -3L;
        long offset = (1L << 40) + 6;
        int n = 11;
        int[] w = new int[4];
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
            assertEquals((w[q] >>> 8) / 16777216.0f, u[j], "uniform " + j);
            assertEquals(w[q] >= 0 ? 1f : -1f, r[j], "rademacher " + j);
            int a = w[q & 2];
            int b = w[(q & 2) + 1];
            double u1 = ((a >>> 8) + 0.5) / 16777216.0;
            double u2 = (b >>> 8) / 16777216.0;
            double radius = StrictMath.sqrt(-2 * StrictMath.log(u1));
            double angle = 2 * Math.PI * u2;
            float expected = (float) (q % 2 == 0 ? radius * StrictMath.cos(angle) : radius * StrictMath.sin(angle));
            assertClose(expected, z[j], backend.normalTol().applyAsDouble(expected), "normal " + j);
        }
        // Seed 0, stream 0, element 0 is the first known-answer word.
        float[] first = new float[1];
        k.random().randomUniform(0, 0, 0, 1, first, 0);
        assertEquals((0x6627e8d5 >>> 8) / 16777216.0f, first[0]);
    }

    /**
     * Over n = 100000 draws: uniform mean within 5 sqrt(1/12/n), variance within
     * 5 sqrt((1/80 - 1/144)/n) of 1/12; normal mean within 5/sqrt(n), variance within
     * 5 sqrt(2/n) of 1; Rademacher mean within 5/sqrt(n). The probability that a correct
     * generator fails any one check is below 1e-6. (The scalar reference's numbers are the
     * Vector backend's bits, {@link #backendsGiveTheReferenceNumbers}.)
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void momentsAreWithinFiveStandardErrors(TestBackend backend) {
        Kernels k = backend.kernels();
        int n = 100_000;
        float[] u = new float[n];
        float[] z = new float[n];
        float[] r = new float[n];
        k.random().randomUniform(42, 7, 0, n, u, 0);
        k.random().randomNormal(42, 7, 0, n, z, 0);
        k.random().randomRademacher(42, 7, 0, n, r, 0);
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

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void anySplitOfOffsetAndLengthGivesTheSameNumbers(TestBackend backend) {
        Kernels k = backend.kernels();
        int n = 1000;
        for (Fill f : Fill.values()) {
            float[] whole = new float[n];
            f.fill(k, 99, 5, 0, n, whole, 0);
            for (int a : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 500, 999}) {
                float[] parts = new float[n + 3];
                f.fill(k, 99, 5, 0, a, parts, 3);
                f.fill(k, 99, 5, a, n - a, parts, 3 + a);
                assertSameBits(whole, Arrays.copyOfRange(parts, 3, 3 + n), f + " split at " + a);
            }
            float[] window = new float[37];
            f.fill(k, 99, 5, 13, 37, window, 0);
            assertSameBits(Arrays.copyOfRange(whole, 13, 50), window, f + " window");
        }
    }

    /** {seed, stream, offset, n}: 64-bit seeds and streams, offsets past 2^32 and mid-block, long runs. */
    private static final long[][] STREAMS = {{0, 0, 0, 1}, {7, 3, 1, 17}, {-1, -3, (1L << 40) + 6, 11}, {9, 1L << 33, 2, 4},
        {12345, 0, 5, 70_001}, {12345, 0, 3, 100_001}, {-5, 1L << 33, 12_345, 200_003}};

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void backendsGiveTheReferenceNumbers(TestBackend backend) {
        Kernels k = backend.kernels();
        for (long[] c : STREAMS) {
            int n = (int) c[3];
            for (Fill f : Fill.values()) {
                float[] expected = new float[n];
                f.fill(SCALAR, c[0], c[1], c[2], n, expected, 0);
                float[] actual = new float[n + 2];
                f.fill(k, c[0], c[1], c[2], n, actual, 1);
                assertEquals(0f, actual[0]);
                assertEquals(0f, actual[n + 1]);
                if (f == Fill.NORMAL) {
                    String what = "normal " + Arrays.toString(c);
                    for (int i = 0; i < n; i++) {
                        assertClose(expected[i], actual[1 + i], backend.normalTol().applyAsDouble(expected[i]), what, i);
                    }
                } else {
                    assertSameBits(expected, Arrays.copyOfRange(actual, 1, n + 1), f + " " + Arrays.toString(c));
                }
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

    /** Calls every backend must reject with the reference's message (run by {@link BadArgumentsTest}). */
    static List<BadCall> badCalls() {
        float[] a8 = new float[8];
        float[] a6 = new float[6];
        List<BadCall> c = new ArrayList<>();
        c.add(new BadCall("uniform negative offset", "offset", k -> k.random().randomUniform(1, 2, -1, 3, a8, 0)));
        c.add(new BadCall("normal negative n", "n", k -> k.random().randomNormal(1, 2, 0, -3, a8, 0)));
        c.add(new BadCall("rademacher short out", "out", k -> k.random().randomRademacher(1, 2, 0, 5, a6, 2)));
        c.add(new BadCall("uniform overflowing offset", "offset", k -> k.random().randomUniform(1, 2, Long.MAX_VALUE - 2, 5, a8, 0)));
        c.add(new BadCall("normal null out", "out", k -> k.random().randomNormal(1, 2, 0, 1, null, 0)));
        return c;
    }
}
