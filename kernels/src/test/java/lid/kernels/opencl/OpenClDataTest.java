package lid.kernels.opencl;

import static lid.kernels.opencl.ClTests.SCALAR;
import static lid.kernels.opencl.ClTests.assertSameBits;
import static lid.kernels.opencl.ClTests.gaussian;
import static lid.kernels.opencl.ClTests.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import lid.kernels.Kernels;
import lid.kernels.QuantizedMatrix;
import lid.kernels.WeightFormat;
import org.junit.jupiter.api.Test;

/**
 * im2col / col2im, the Philox streams and the quantized products: one item per output in the
 * reference's order, so the reference's bits; normal numbers are computed in double on fp64
 * devices (then within 1 float ulp of the CPU's StrictMath result) and in float otherwise
 * (within 16 ulp + 2^-20).
 */
class OpenClDataTest {

    @Test
    void im2colAndCol2imGiveTheReferenceBits() {
        Kernels cl = ClTests.device();
        int[][] cases = {
            // channels, height, width, kh, kw, strideH, strideW, padH, padW
            {1, 1, 1, 1, 1, 1, 1, 0, 0}, {3, 5, 7, 3, 3, 1, 1, 1, 1}, {2, 8, 8, 3, 3, 2, 2, 1, 1},
            {4, 9, 6, 2, 3, 2, 1, 0, 2}, {1, 17, 15, 5, 4, 3, 2, 2, 1}, {8, 16, 16, 3, 3, 1, 1, 1, 1}};
        for (int[] c : cases) {
            int outH = (c[1] + 2 * c[7] - c[3]) / c[5] + 1, outW = (c[2] + 2 * c[8] - c[4]) / c[6] + 1;
            int imSize = c[0] * c[1] * c[2], colSize = c[0] * c[3] * c[4] * outH * outW;
            float[] image = ClTests.shifted(uniform(imSize, imSize, -1, 1), 2, 1);
            float[] s = new float[colSize + 3], v = new float[colSize + 3];
            SCALAR.convolution().im2col(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], image, 2, s, 3);
            cl.convolution().im2col(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], image, 2, v, 3);
            assertSameBits(s, v, "im2col " + Arrays.toString(c));
            float[] col = ClTests.shifted(uniform(colSize + 1, colSize, -1, 1), 1, 0);
            float[] is = uniform(7, imSize + 2, -1, 1), iv = is.clone();
            SCALAR.convolution().col2im(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], col, 1, is, 2);
            cl.convolution().col2im(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], col, 1, iv, 2);
            assertSameBits(is, iv, "col2im " + Arrays.toString(c));
        }
    }

    @Test
    void uniformAndRademacherAreTheCpuStreams() {
        Kernels cl = ClTests.device();
        long[][] cases = {{0, 0, 0, 1}, {7, 3, 1, 17}, {-1, -3, (1L << 40) + 6, 11}, {12345, 0, 5, 70_001}, {9, 1L << 33, 2, 4}};
        for (long[] c : cases) {
            int n = (int) c[3];
            float[] s = new float[n + 2], v = new float[n + 2];
            SCALAR.random().randomUniform(c[0], c[1], c[2], n, s, 1);
            cl.random().randomUniform(c[0], c[1], c[2], n, v, 1);
            assertSameBits(s, v, "uniform " + Arrays.toString(c));
            SCALAR.random().randomRademacher(c[0], c[1], c[2], n, s, 1);
            cl.random().randomRademacher(c[0], c[1], c[2], n, v, 1);
            assertSameBits(s, v, "rademacher " + Arrays.toString(c));
        }
    }

    @Test
    void normalIsTheCpuStreamWithinRounding() {
        OpenClKernels cl = ClTests.device();
        boolean fp64 = cl.info().fp64();
        long[][] cases = {{0, 0, 0, 1}, {7, 3, 1, 17}, {-1, -3, (1L << 40) + 6, 11}, {12345, 0, 3, 100_001}};
        for (long[] c : cases) {
            int n = (int) c[3];
            float[] s = new float[n], v = new float[n];
            SCALAR.random().randomNormal(c[0], c[1], c[2], n, s, 0);
            cl.random().randomNormal(c[0], c[1], c[2], n, v, 0);
            for (int i = 0; i < n; i++) {
                double tol = fp64 ? Math.ulp(s[i]) : 16 * Math.ulp(s[i]) + 0x1p-20;
                if (!(Math.abs(s[i] - v[i]) <= tol)) {
                    fail("normal " + Arrays.toString(c) + " element " + i + ": cpu " + s[i] + ", opencl " + v[i]
                            + (fp64 ? " (fp64 device)" : " (no fp64)"));
                }
            }
        }
    }

    @Test
    void quantizedProductsGiveTheReferenceBits() {
        Kernels cl = ClTests.device();
        for (int[] shape : new int[][] {{1, 1}, {3, 31}, {17, 32}, {33, 100}, {64, 65}}) {
            int rows = shape[0], cols = shape[1];
            float[] w = gaussian(rows * 7L + cols, rows * cols);
            for (WeightFormat f : WeightFormat.values()) {
                QuantizedMatrix q = QuantizedMatrix.quantize(f, rows, cols, w, 0);
                float[] x = gaussian(cols, cols + 3);
                float[] ys = gaussian(rows, rows + 2), yv = ys.clone();
                SCALAR.quantized().qgemv(q, x, 3, 0.5f, ys, 2);
                cl.quantized().qgemv(q, x, 3, 0.5f, yv, 2);
                assertSameBits(ys, yv, "qgemv " + f + " " + rows + "x" + cols);
                for (boolean trans : new boolean[] {true, false}) {
                    int m = 5, k = trans ? cols : rows, n = trans ? rows : cols;
                    float[] xm = gaussian(m + k, m * (k + 1));
                    float[] ms = gaussian(n, m * (n + 2)), mv = ms.clone();
                    SCALAR.quantized().qmatmul(trans, m, q, xm, 0, k + 1, 1f, ms, 0, n + 2);
                    cl.quantized().qmatmul(trans, m, q, xm, 0, k + 1, 1f, mv, 0, n + 2);
                    assertSameBits(ms, mv, "qmatmul " + f + " trans=" + trans + " " + rows + "x" + cols);
                }
            }
        }
        // F16 subnormals and BF16 rounding survive the upload.
        QuantizedMatrix h = QuantizedMatrix.quantize(WeightFormat.F16, 1, 3, new float[] {3 * 0x1p-24f, -65504f, 1e-5f}, 0);
        float[] y = new float[1];
        cl.quantized().qgemv(h, new float[] {1, 0, 0}, 0, 0f, y, 0);
        assertEquals(3 * 0x1p-24f, y[0]);
    }
}
