package lid.kernels;

import java.util.List;
import java.util.ArrayList;
import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.U;
import static lid.kernels.TestSupport.VECTOR1;
import static lid.kernels.TestSupport.VECTOR2;
import static lid.kernels.TestSupport.VECTOR3;
import static lid.kernels.TestSupport.assertClose;
import static lid.kernels.TestSupport.assertSameBits;
import static lid.kernels.TestSupport.shifted;
import static lid.kernels.TestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * im2col / col2im: hand-worked examples, the adjoint identity <im2col(x), y> = <x, col2im(y)>,
 * and every backend against the scalar reference. im2col only copies, and col2im adds into
 * each image element in the same order in every backend, so both are compared bit for bit.
 */
@ExtendWith(BackendInFailures.class)
class ConvolutionTest {

    /** {channels, height, width, kh, kw, strideH, strideW, padH, padW}. */
    private static final int[][] CONFIGS = {
            {1, 3, 3, 2, 2, 1, 1, 0, 0}, {1, 3, 3, 3, 3, 2, 2, 1, 1}, {2, 5, 7, 3, 3, 1, 1, 1, 1},
            {3, 5, 7, 3, 3, 1, 1, 1, 1}, {3, 8, 8, 3, 3, 2, 2, 1, 1}, {2, 8, 8, 3, 3, 2, 2, 1, 1},
            {2, 9, 6, 5, 3, 3, 1, 2, 0}, {4, 9, 6, 2, 3, 2, 1, 0, 2}, {1, 17, 15, 5, 4, 3, 2, 2, 1},
            {1, 1, 1, 1, 1, 1, 1, 0, 0}, {1, 1, 1, 11, 11, 1, 1, 5, 5}, {2, 7, 40, 1, 7, 1, 3, 0, 3},
            {4, 17, 33, 3, 5, 1, 1, 1, 2}, {3, 16, 16, 4, 4, 4, 4, 0, 0}, {2, 6, 6, 3, 3, 1, 1, 4, 4},
            {8, 16, 16, 3, 3, 1, 1, 1, 1}, {64, 32, 32, 3, 3, 1, 1, 1, 1}, {16, 40, 50, 5, 5, 2, 2, 2, 2},
    };

    private static int outSize(int size, int k, int stride, int pad) {
        return (size + 2 * pad - k) / stride + 1;
    }

    private static int colSize(int[] c) {
        return c[0] * c[3] * c[4] * outSize(c[1], c[3], c[5], c[7]) * outSize(c[2], c[4], c[6], c[8]);
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void im2colOfTinyImagesByHand(TestBackend backend) {
        Kernels k = backend.kernels();
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] col = new float[16];
        k.convolution().im2col(1, 3, 3, 2, 2, 1, 1, 0, 0, image, 0, col, 0);
        assertArrayEquals(new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, col);

        // 3x3 kernel, stride 2, padding 1: outH = outW = 2; rows (ki, kj) = (0,0), (1,1), (2,2).
        float[] padded = new float[9 * 4];
        k.convolution().im2col(1, 3, 3, 3, 3, 2, 2, 1, 1, image, 0, padded, 0);
        assertArrayEquals(new float[] {0, 0, 0, 5}, Arrays.copyOfRange(padded, 0, 4), "corner");
        assertArrayEquals(new float[] {1, 3, 7, 9}, Arrays.copyOfRange(padded, 16, 20), "centre");
        assertArrayEquals(new float[] {5, 0, 0, 0}, Arrays.copyOfRange(padded, 32, 36), "far corner");

        // Two channels, 1x2 kernel on 2x2 images: rows c*2 + kj.
        float[] two = {1, 2, 3, 4, 10, 20, 30, 40};
        float[] col2 = new float[8];
        k.convolution().im2col(2, 2, 2, 1, 2, 1, 1, 0, 0, two, 0, col2, 0);
        assertArrayEquals(new float[] {1, 3, 2, 4, 10, 30, 20, 40}, col2, "channels");

        // At an offset, into a larger array.
        float[] shifted = new float[20];
        Arrays.fill(shifted, -7f);
        float[] src = new float[12];
        System.arraycopy(image, 0, src, 3, 9);
        k.convolution().im2col(1, 3, 3, 2, 2, 1, 1, 0, 0, src, 3, shifted, 2);
        assertArrayEquals(new float[] {-7, -7, 1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9, -7, -7}, shifted);
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void col2imCountsOverlapsByHand(TestBackend backend) {
        Kernels k = backend.kernels();
        float[] ones = new float[16];
        Arrays.fill(ones, 1f);
        float[] image = new float[9];
        k.convolution().col2im(1, 3, 3, 2, 2, 1, 1, 0, 0, ones, 0, image, 0);
        assertArrayEquals(new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, image);
        // It adds into what is there.
        k.convolution().col2im(1, 3, 3, 2, 2, 1, 1, 0, 0, ones, 0, image, 0);
        assertArrayEquals(new float[] {2, 4, 2, 4, 8, 4, 2, 4, 2}, image);
        // Padding positions are dropped: 3x3 kernel, pad 1, stride 1 on 2x2: every pixel is seen 4 times.
        float[] col = new float[9 * 4];
        Arrays.fill(col, 1f);
        float[] small = new float[4];
        k.convolution().col2im(1, 2, 2, 3, 3, 1, 1, 1, 1, col, 0, small, 0);
        assertArrayEquals(new float[] {4, 4, 4, 4}, small);
    }

    /**
     * <im2col(x), y> = <x, col2im(y)>. Both sides are evaluated in double from the float
     * results; im2col copies exactly and col2im sums at most kh*kw float terms per pixel, so
     * |difference| <= kh * kw * u * sum_q |im2col(x)_q y_q|.
     */
    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#withReference")
    void col2imIsTheAdjointOfIm2col(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int[] c : CONFIGS) {
            int imageSize = c[0] * c[1] * c[2];
            int colSize = colSize(c);
            float[] x = uniform(imageSize, imageSize, -1, 1);
            float[] y = uniform(colSize, colSize, -1, 1);
            float[] cx = new float[colSize];
            k.convolution().im2col(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], x, 0, cx, 0);
            float[] ty = new float[imageSize];
            k.convolution().col2im(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], y, 0, ty, 0);
            double left = 0;
            double bound = 0;
            for (int q = 0; q < colSize; q++) {
                left += (double) cx[q] * y[q];
                bound += Math.abs((double) cx[q] * y[q]);
            }
            double right = 0;
            for (int p = 0; p < imageSize; p++) {
                right += (double) x[p] * ty[p];
            }
            assertClose(left, right, c[3] * c[4] * U * bound + 1e-12, "adjoint " + Arrays.toString(c));
        }
    }

    @ParameterizedTest
    @MethodSource("lid.kernels.TestBackend#all")
    void matchesScalarExactly(TestBackend backend) {
        Kernels k = backend.kernels();
        for (int[] c : CONFIGS) {
            int imageSize = c[0] * c[1] * c[2];
            int colSize = colSize(c);
            float[] x = shifted(uniform(imageSize + 1, imageSize, -1, 1), 3, 2);
            float[] s = new float[colSize + 5];
            float[] v = new float[colSize + 5];
            Arrays.fill(s, 9f);
            Arrays.fill(v, 9f);
            SCALAR.convolution().im2col(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], x, 3, s, 1);
            k.convolution().im2col(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], x, 3, v, 1);
            assertSameBits(s, v, "im2col " + Arrays.toString(c));
            assertEquals(9f, v[0]);
            assertEquals(9f, v[colSize + 1]);

            float[] y = shifted(uniform(colSize + 2, colSize, -1, 1), 1, 0);
            float[] is = shifted(uniform(imageSize + 3, imageSize, -1, 1), 2, 2);
            float[] iv = is.clone();
            SCALAR.convolution().col2im(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], y, 1, is, 2);
            k.convolution().col2im(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], y, 1, iv, 2);
            assertSameBits(is, iv, "col2im " + Arrays.toString(c));
        }
    }

    @Test
    void bitIdenticalForEveryThreadCount() {
        int[] c = {64, 32, 32, 3, 3, 1, 1, 1, 1};
        int imageSize = c[0] * c[1] * c[2];
        int colSize = colSize(c);
        float[] x = uniform(5, imageSize, -1, 1);
        float[] y = uniform(6, colSize, -1, 1);
        Kernels[] ks = {VECTOR1, VECTOR2, VECTOR3};
        float[][] cols = new float[3][colSize];
        float[][] images = new float[3][imageSize];
        for (int t = 0; t < 3; t++) {
            ks[t].convolution().im2col(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], x, 0, cols[t], 0);
            ks[t].convolution().col2im(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], y, 0, images[t], 0);
        }
        for (int t = 1; t < 3; t++) {
            assertSameBits(cols[0], cols[t], "im2col 1 vs " + ks[t].threads() + " threads");
            assertSameBits(images[0], images[t], "col2im 1 vs " + ks[t].threads() + " threads");
        }
    }

    /** Calls every backend must reject with the reference's message (run by {@link BadArgumentsTest}). */
    static List<BadCall> badCalls() {
        float[] a8 = new float[8];
        float[] a4 = new float[4];
        List<BadCall> c = new ArrayList<>();
        c.add(new BadCall("im2col zero kh", "kh", k -> k.convolution().im2col(1, 2, 2, 0, 1, 1, 1, 0, 0, a4, 0, a8, 0)));
        c.add(new BadCall("im2col zero strideW", "strideW", k -> k.convolution().im2col(1, 2, 2, 1, 1, 1, 0, 0, 0, a4, 0, a8, 0)));
        c.add(new BadCall("im2col negative padH", "padH", k -> k.convolution().im2col(1, 2, 2, 1, 1, 1, 1, -1, 0, a4, 0, a8, 0)));
        c.add(new BadCall("im2col kernel larger than padded image", "kw",
                k -> k.convolution().im2col(1, 2, 2, 1, 5, 1, 1, 0, 1, a4, 0, a8, 0)));
        c.add(new BadCall("im2col short col", "col", k -> k.convolution().im2col(1, 3, 3, 2, 2, 1, 1, 0, 0, new float[9], 0, a8, 0)));
        c.add(new BadCall("im2col short image", "image", k -> k.convolution().im2col(1, 3, 3, 2, 2, 1, 1, 0, 0, a8, 0, new float[16], 0)));
        c.add(new BadCall("im2col negative channels", "channels", k -> k.convolution().im2col(-1, 2, 2, 1, 1, 1, 1, 0, 0, a4, 0, a8, 0)));
        c.add(new BadCall("col2im short image", "image", k -> k.convolution().col2im(1, 3, 3, 2, 2, 1, 1, 0, 0, new float[16], 0, a8, 0)));
        c.add(new BadCall("col2im null col", "col", k -> k.convolution().col2im(1, 2, 2, 1, 1, 1, 1, 0, 0, null, 0, a4, 0)));
        return c;
    }
}
