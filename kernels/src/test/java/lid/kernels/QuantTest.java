package lid.kernels;

import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quantized weights: round-trip error bounds per format, the documented bit layouts on hand
 * examples, and every backend's products against the scalar reference (same dequantized
 * weights, float sums in another order: |err| <= 2 (k+2) 2^-24 sum|w x|; the reference's bits
 * where the backend sums in its order, {@link TestBackend#referenceOrder}) and against F32 on
 * the dequantized matrix.
 */
@ExtendWith(BackendInFailures.class)
class QuantTest {
    private static final double U = 0x1p-24;
    private final RandomGenerator rnd = new SplittableRandom(7);

    private float[] gaussian(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian() * scale;
        }
        return v;
    }

    @Test
    void roundTripErrorBoundsPerFormat() {
        int rows = 7, cols = 77; // cols not a multiple of 32: the last block is partial
        float[] w = gaussian(rows * cols, 3f);
        for (WeightFormat f : WeightFormat.values()) {
            QuantizedMatrix q = QuantizedMatrix.quantize(f, rows, cols, w, 0);
            float[] back = q.dequantize();
            for (int r = 0; r < rows; r++) {
                for (int b = 0; b * 32 < cols; b++) {
                    double amax = 0;
                    for (int c = b * 32; c < Math.min(cols, b * 32 + 32); c++) {
                        amax = Math.max(amax, Math.abs(w[r * cols + c]));
                    }
                    for (int c = b * 32; c < Math.min(cols, b * 32 + 32); c++) {
                        double x = w[r * cols + c], err = Math.abs(back[r * cols + c] - x);
                        double bound = switch (f) {
                            case F32 -> 0;
                            case BF16 -> Math.abs(x) * 0x1p-8;
                            case F16 -> Math.abs(x) * 0x1p-11;
                            case Q8 -> amax / 254 * (1 + 1e-6);
                            case Q4 -> amax / 8 * (1 + 1e-6);
                        };
                        assertTrue(err <= bound, f + " (" + r + "," + c + "): |" + back[r * cols + c] + " - " + x + "| > " + bound);
                    }
                }
            }
        }
        double bytesQ4 = QuantizedMatrix.quantize(WeightFormat.Q4, 64, 64, gaussian(64 * 64, 1f), 0).weightBytes();
        assertEquals(64 * 64 * 0.625, bytesQ4);
    }

    @Test
    void documentedLayoutsOnHandExamples() {
        // Q4: block [-8, 1, 2, ..., 31]: max magnitude is 31 (signed +31), d = 31 / -8
        float[] w = new float[32];
        for (int j = 0; j < 32; j++) {
            w[j] = j;
        }
        QuantizedMatrix q4 = QuantizedMatrix.quantize(WeightFormat.Q4, 1, 32, w, 0);
        byte[] data = (byte[]) q4.data();
        float d = 31f / -8f;
        assertEquals(d, q4.scales()[0]);
        // element 31 -> nibble 0 (high nibble of byte 15); element 0 -> nibble 8 (low nibble of byte 0)
        assertEquals(0, (data[15] >>> 4) & 0xF);
        assertEquals(8, data[0] & 0xF);
        assertEquals(31f, q4.get(0, 31), 1e-6f);
        // Q8: max 127 -> d = 1, q = the values themselves
        float[] v = {127, -127, 3, -2.5f};
        QuantizedMatrix q8 = QuantizedMatrix.quantize(WeightFormat.Q8, 1, 4, v, 0);
        assertArrayEquals(new byte[] {127, -127, 3, -3}, java.util.Arrays.copyOf((byte[]) q8.data(), 4)); // -2.5 rounds away
        // BF16 rounds to nearest even; F16 keeps subnormals
        assertEquals(1.0f, QuantizedMatrix.quantize(WeightFormat.BF16, 1, 1, new float[] {1.00390625f}, 0).get(0, 0));
        float sub = 3 * 0x1p-24f;
        assertEquals(sub, QuantizedMatrix.quantize(WeightFormat.F16, 1, 1, new float[] {sub}, 0).get(0, 0));
    }

    /**
     * Q4 lives in panels of 16 rows in memory and in row order in files: data()/scales() and
     * of() convert, so a matrix rebuilt from its file arrays is the same matrix, and the file
     * arrays are the GGML Q4_0 order (checked against a direct quantization of each row).
     */
    @Test
    void q4FileOrderRoundTripsThroughPanels() {
        for (int[] shape : new int[][] {{1, 5}, {16, 32}, {17, 33}, {37, 100}}) {
            int rows = shape[0], cols = shape[1], blocks = (cols + 31) / 32;
            float[] w = gaussian(rows * cols, 2f);
            QuantizedMatrix q = QuantizedMatrix.quantize(WeightFormat.Q4, rows, cols, w, 0);
            byte[] data = (byte[]) q.data();
            float[] scales = q.scales();
            assertEquals(rows * blocks * 16, data.length);
            assertEquals(rows * blocks, scales.length);
            QuantizedMatrix back = QuantizedMatrix.of(WeightFormat.Q4, rows, cols, null, null, data, scales);
            assertArrayEquals(q.dequantize(), back.dequantize());
            assertArrayEquals(data, (byte[]) back.data());
            for (int r = 0; r < rows; r++) {
                QuantizedMatrix row = QuantizedMatrix.quantize(WeightFormat.Q4, 1, cols, w, r * cols);
                byte[] rowData = (byte[]) row.data();
                for (int i = 0; i < blocks * 16; i++) {
                    assertEquals(rowData[i], data[r * blocks * 16 + i], "row " + r + " byte " + i);
                }
                for (int b = 0; b < blocks; b++) {
                    assertEquals(row.scales()[b], scales[r * blocks + b]);
                }
            }
            // padding rows of the last panel are zero and count in the stored bytes
            int panels = (rows + 15) / 16;
            assertEquals(panels * 16L * blocks * (16 + 4), q.weightBytes());
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void gemvEveryFormatAgainstReferenceAndF32(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int[] shape : new int[][] {{1, 1}, {3, 31}, {17, 32}, {33, 100}, {64, 65}, {64, 256}, {129, 1000}}) {
            int rows = shape[0], cols = shape[1];
            float[] w = gaussian(rows * cols, 1f);
            float[] x = gaussian(cols + 3, 1f);
            for (WeightFormat f : WeightFormat.values()) {
                QuantizedMatrix q = QuantizedMatrix.quantize(f, rows, cols, w, 0);
                float[] deq = q.dequantize();
                float[] ref = gaussian(rows + 2, 1f);
                float[] f32 = ref.clone();
                float[] y0 = ref.clone();
                ScalarQuant.INSTANCE.qgemv(q, x, 3, 0.5f, ref, 2);
                ScalarGemm.INSTANCE.sgemv(false, rows, cols, 1f, deq, 0, cols, x, 3, 0.5f, f32, 2);
                float[] y = y0.clone();
                k.quantized().qgemv(q, x, 3, 0.5f, y, 2);
                for (int r = 0; r < rows; r++) {
                    double mag = 0.5 * Math.abs(y0[r + 2]);
                    for (int c = 0; c < cols; c++) {
                        mag += Math.abs(deq[r * cols + c] * x[3 + c]);
                    }
                    double tol = 2 * (cols + 2) * U * mag + 1e-30;
                    assertEquals(ref[r + 2], y[r + 2], tol, f + " " + rows + "x" + cols + " row " + r);
                    assertEquals(f32[r + 2], y[r + 2], tol, f + " vs f32 on dequantized weights");
                }
                assertEquals(y0[0], y[0]);
                if (backend.referenceOrder()) {
                    assertSameBits(ref, y, "qgemv " + f + " " + rows + "x" + cols);
                }
            }
        }
    }

    /** F16 fast and special paths: zeros, -0, subnormals, the largest half, and Inf/NaN rows. */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void f16SpecialValuesAgreeWithTheReference(TestBackend backend) {
        Kernels k = backend.kernels();
        int cols = 64;
        float[] w = gaussian(3 * cols, 1f);
        float[] specials = {0f, -0f, 0x1p-24f, -0x1p-20f, 6.1e-5f, 65504f, -65504f, 1e-7f};
        System.arraycopy(specials, 0, w, 0, specials.length);
        float[] x = gaussian(cols, 1f);
        for (boolean withInf : new boolean[] {false, true}) {
            float[] wi = w.clone();
            if (withInf) {
                wi[2 * cols + 5] = Float.POSITIVE_INFINITY;
            }
            QuantizedMatrix q = QuantizedMatrix.quantize(WeightFormat.F16, 3, cols, wi, 0);
            float[] deq = q.dequantize();
            float[] ref = new float[3];
            ScalarQuant.INSTANCE.qgemv(q, x, 0, 0f, ref, 0);
            float[] y = new float[3];
            k.quantized().qgemv(q, x, 0, 0f, y, 0);
            for (int r = 0; r < 3; r++) {
                double mag = 0;
                for (int c = 0; c < cols; c++) {
                    mag += Math.abs(deq[r * cols + c] * x[c]);
                }
                if (Double.isInfinite(ref[r])) {
                    assertEquals(ref[r], y[r], "withInf=" + withInf + " row " + r);
                } else {
                    assertEquals(ref[r], y[r], 2 * (cols + 2) * U * mag + 1e-30, "withInf=" + withInf + " row " + r);
                }
            }
            // the GEMM path dequantizes the same values into its packed panel: identity input gives W^T back
            float[] eye = new float[cols * cols];
            float[] packed = new float[cols * 3];
            for (int i = 0; i < cols; i++) {
                eye[i * cols + i] = 1f;
            }
            k.quantized().qmatmul(true, cols, q, eye, 0, cols, 0f, packed, 0, 3);
            for (int r = 0; r < (withInf ? 2 : 3); r++) { // Inf * 0 makes the row with Inf all NaN
                for (int c = 0; c < cols; c++) {
                    assertEquals(deq[r * cols + c], packed[c * 3 + r], 0f, "withInf=" + withInf + " (" + r + ", " + c + ")");
                }
            }
        }
    }

    /**
     * The F16 four-row loop reads x * 2^56: subnormal and huge-but-finite inputs still match
     * the reference, and x at or past 2^64 (or NaN) takes the one-row path instead of overflowing.
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void f16ScaledInputEdgesAgreeWithTheReference(TestBackend backend) {
        Kernels k = backend.kernels();
        int rows = 8, cols = 96;
        float[] w = gaussian(rows * cols, 1f);
        QuantizedMatrix q = QuantizedMatrix.quantize(WeightFormat.F16, rows, cols, w, 0);
        float[] deq = q.dequantize();
        for (float special : new float[] {1e-40f, 0x1p63f, 0x1p64f, 3e30f, Float.NaN}) {
            float[] x = gaussian(cols, 1f);
            x[5] = special;
            x[40] = -special;
            float[] ref = new float[rows];
            ScalarQuant.INSTANCE.qgemv(q, x, 0, 0f, ref, 0);
            float[] y = new float[rows];
            k.quantized().qgemv(q, x, 0, 0f, y, 0);
            for (int r = 0; r < rows; r++) {
                double mag = 0;
                for (int c = 0; c < cols; c++) {
                    mag += Math.abs((double) deq[r * cols + c] * x[c]);
                }
                if (Float.isNaN(ref[r]) || Float.isInfinite(ref[r])) {
                    assertEquals(ref[r], y[r], "x special " + special + " row " + r);
                } else {
                    assertEquals(ref[r], y[r], 2 * (cols + 2) * U * mag + 1e-30, "x special " + special + " row " + r);
                }
            }
        }
    }

    /** {m, rows, cols}: a batch of m rows of x times W or W^T. */
    private static final int[][] BATCHED_SHAPES = {{5, 1, 1}, {5, 3, 7}, {5, 3, 31}, {5, 17, 32}, {5, 33, 100}, {5, 64, 65},
        {40, 33, 70}, {64, 100, 96}, {13, 256, 64}};
    private static final int[][] QUICK_BATCHED_SHAPES = {{5, 1, 1}, {5, 3, 31}, {5, 17, 32}, {5, 33, 100}, {5, 64, 65},
        {13, 256, 64}};

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void batchedProductsBothWaysAgainstReference(TestBackend backend) {
        Kernels kern = backend.kernels();
        for (int[] shape : backend.pick(BATCHED_SHAPES, QUICK_BATCHED_SHAPES)) {
            int m = shape[0], rows = shape[1], cols = shape[2];
            float[] w = gaussian(rows * cols, 1f);
            for (WeightFormat f : WeightFormat.values()) {
                QuantizedMatrix q = QuantizedMatrix.quantize(f, rows, cols, w, 0);
                for (boolean trans : new boolean[] {true, false}) {
                    int k = trans ? cols : rows, n = trans ? rows : cols;
                    float[] x = gaussian(m * (k + 1), 1f);
                    float[] ref = gaussian(m * (n + 2), 1f);
                    float[] y0 = ref.clone();
                    ScalarQuant.INSTANCE.qmatmul(trans, m, q, x, 0, k + 1, 1f, ref, 0, n + 2);
                    float[] y = y0.clone();
                    kern.quantized().qmatmul(trans, m, q, x, 0, k + 1, 1f, y, 0, n + 2);
                    String what = f + " trans=" + trans + " " + m + "x" + rows + "x" + cols;
                    float[] deq = q.dequantize();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double mag = Math.abs(y0[i * (n + 2) + j]);
                            for (int p = 0; p < k; p++) {
                                float wv = trans ? deq[j * cols + p] : deq[p * cols + j];
                                mag += Math.abs(x[i * (k + 1) + p] * wv);
                            }
                            assertClose(ref[i * (n + 2) + j], y[i * (n + 2) + j], 2 * (k + 2) * U * mag + 1e-30, what, i * (n + 2) + j);
                        }
                        assertEquals(y0[i * (n + 2) + n], y[i * (n + 2) + n], "padding untouched");
                    }
                    if (backend.referenceOrder()) {
                        assertSameBits(ref, y, "qmatmul " + f + " trans=" + trans + " " + rows + "x" + cols);
                    }
                }
            }
        }
    }

    /** F16 subnormal weights reach the product unchanged (they are not flushed to zero). */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void f16SubnormalWeightsReachTheProduct(TestBackend backend) {
        QuantizedMatrix h = QuantizedMatrix.quantize(WeightFormat.F16, 1, 3, new float[] {3 * 0x1p-24f, -65504f, 1e-5f}, 0);
        float[] y = new float[1];
        backend.kernels().quantized().qgemv(h, new float[] {1, 0, 0}, 0, 0f, y, 0);
        assertEquals(3 * 0x1p-24f, y[0]);
    }

    @Test
    void vectorProductsAreIdenticalForAnyThreadCount() {
        float[] w = gaussian(96 * 200, 1f);
        float[] x = gaussian(50 * 200, 1f);
        for (WeightFormat f : WeightFormat.values()) {
            QuantizedMatrix q = QuantizedMatrix.quantize(f, 96, 200, w, 0);
            float[] a = new float[50 * 96], b = new float[50 * 96];
            new VectorKernels(1).quantized().qmatmul(true, 50, q, x, 0, 200, 0f, a, 0, 96);
            new VectorKernels(3).quantized().qmatmul(true, 50, q, x, 0, 200, 0f, b, 0, 96);
            assertArrayEquals(a, b, f.tag());
        }
    }

    /** A row's product does not depend on the other rows of the batch (m = 1 alone vs inside m = 37). */
    @Test
    void aRowDoesNotDependOnTheOtherRows() {
        float[] w = gaussian(70 * 130, 1f);
        float[] x = gaussian(37 * 130, 1f);
        for (WeightFormat f : WeightFormat.values()) {
            QuantizedMatrix q = QuantizedMatrix.quantize(f, 70, 130, w, 0);
            float[] all = new float[37 * 70];
            new VectorKernels(2).quantized().qmatmul(true, 37, q, x, 0, 130, 0f, all, 0, 70);
            for (int row : new int[] {0, 17, 36}) {
                for (int threads : new int[] {1, 2}) {
                    float[] one = new float[70];
                    new VectorKernels(threads).quantized().qmatmul(true, 1, q, x, row * 130, 130, 0f, one, 0, 70);
                    assertArrayEquals(java.util.Arrays.copyOfRange(all, row * 70, row * 70 + 70), one,
                            f.tag() + " row " + row + " threads " + threads);
                }
            }
        }
    }

    @Test
    void badArguments() {
        QuantizedMatrix q = QuantizedMatrix.quantize(WeightFormat.Q8, 4, 8, new float[32], 0);
        var e = assertThrows(IllegalArgumentException.class, () -> new VectorKernels(1).quantized().qgemv(q, new float[7], 0, 0f, new float[4], 0));
        assertTrue(e.getMessage().startsWith("x is too short"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> WeightFormat.parse("q3"));
        assertTrue(e2.getMessage().contains("valid: f32, bf16, f16, q8, q4"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> QuantizedMatrix.quantize(WeightFormat.F16, 2, 2, new float[3], 0));
        assertTrue(e3.getMessage().startsWith("w is too short"), e3.getMessage());
    }
}
