package lid.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMV four rows at a time (F32, BF16, F16, Q8; Q4 has its own row-panel kernel, VectorQuantPanels):
 * each x vector is loaded once and used by four rows, so a compact
 * weight format spends its cycles on widening weights instead of re-reading x for every row
 * (one x load per row was the bottleneck once weights were 2-4x smaller than F32). Every format
 * goes through the same four-row scheme, F32 included, so the F32 baseline is just as fast.
 * Only full blocks of 32 columns are done here; callers add the remaining columns with
 * {@link #tail} and rows not in a group of four with {@link VectorQuant}'s one-row loops.
 * Each row's sum is the same arithmetic as the scalar reference up to summation order.
 */
final class VectorQuantRows {
    private VectorQuantRows() {}

    static final int ROWS = 4;
    private static final int B = WeightFormat.BLOCK;
    // the species as constants of this class, so the JIT folds them (VectorQuant's, by name)
    private static final VectorSpecies<Float> S = VectorQuant.S;
    private static final VectorSpecies<Byte> BS = VectorQuant.BS;
    private static final VectorSpecies<Short> SS = VectorQuant.SS;
    private static final VectorSpecies<Integer> IS = VectorQuant.IS;

    /** y[r .. r+3] = W[r .. r+3, 0 .. full*32) x for the group of four rows starting at r. */
    static void dot4(QuantizedMatrix w, int r, int full, float[] x, int xOff, float[] out) {
        switch (w.format()) {
            case F32 -> f32(w, r, full, x, xOff, out);
            case BF16 -> bf16(w, r, full, x, xOff, out);
            case F16 -> f16(w, r, full, x, xOff, out);
            case Q8 -> q8(w, r, full, x, xOff, out);
            case Q4 -> throw new IllegalArgumentException("Q4 goes through VectorQuantPanels");
        }
    }

    /** sum over columns [from, cols) of W[r, c] x[c], element by element (fewer than 32 of them). */
    static float tail(QuantizedMatrix w, int r, int from, float[] x, int xOff) {
        float t = 0f;
        for (int c = from; c < w.cols(); c++) {
            t += w.get(r, c) * x[xOff + c];
        }
        return t;
    }

    private static void f32(QuantizedMatrix w, int r, int full, float[] x, int xOff, float[] out) {
        int n = w.cols(), l = S.length();
        int w0 = r * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int c = 0; c < full * B; c += 2 * l) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + c), xu = FloatVector.fromArray(S, x, xOff + c + l);
            a0 = FloatVector.fromArray(S, w.f32, w0 + c).fma(xv, a0);
            a1 = FloatVector.fromArray(S, w.f32, w1 + c).fma(xv, a1);
            a2 = FloatVector.fromArray(S, w.f32, w2 + c).fma(xv, a2);
            a3 = FloatVector.fromArray(S, w.f32, w3 + c).fma(xv, a3);
            b0 = FloatVector.fromArray(S, w.f32, w0 + c + l).fma(xu, b0);
            b1 = FloatVector.fromArray(S, w.f32, w1 + c + l).fma(xu, b1);
            b2 = FloatVector.fromArray(S, w.f32, w2 + c + l).fma(xu, b2);
            b3 = FloatVector.fromArray(S, w.f32, w3 + c + l).fma(xu, b3);
        }
        store(a0.add(b0), a1.add(b1), a2.add(b2), a3.add(b3), out);
    }

    private static void bf16(QuantizedMatrix w, int r, int full, float[] x, int xOff, float[] out) {
        int n = w.cols(), l = S.length();
        int w0 = r * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int c = 0; c < full * B; c += 2 * l) {
            FloatVector xv = FloatVector.fromArray(S, x, xOff + c), xu = FloatVector.fromArray(S, x, xOff + c + l);
            a0 = bf16(w.half, w0 + c).fma(xv, a0);
            a1 = bf16(w.half, w1 + c).fma(xv, a1);
            a2 = bf16(w.half, w2 + c).fma(xv, a2);
            a3 = bf16(w.half, w3 + c).fma(xv, a3);
            b0 = bf16(w.half, w0 + c + l).fma(xu, b0);
            b1 = bf16(w.half, w1 + c + l).fma(xu, b1);
            b2 = bf16(w.half, w2 + c + l).fma(xu, b2);
            b3 = bf16(w.half, w3 + c + l).fma(xu, b3);
        }
        store(a0.add(b0), a1.add(b1), a2.add(b2), a3.add(b3), out);
    }

    /** BF16 is the top half of a float: widen and shift left 16. */
    private static FloatVector bf16(short[] h, int off) {
        IntVector i = (IntVector) ShortVector.fromArray(SS, h, off).convertShape(VectorOperators.S2I, IS, 0);
        return i.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /**
     * x here is x * 2^56 ({@link #scaledX}): the masked half bits are the float h * 2^-112, so each
     * product is h x 2^-56 with no multiply per weight, and the sums times 2^56 are exact. Rounding
     * is that of h x except for products below 2^-70 in magnitude (they land among subnormals).
     */
    private static void f16(QuantizedMatrix w, int r, int full, float[] xs, int xOff, float[] out) {
        int n = w.cols(), l = S.length();
        int w0 = r * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        short[] h = w.half;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int c = 0; c < full * B; c += 2 * l) {
            FloatVector xv = FloatVector.fromArray(S, xs, xOff + c), xu = FloatVector.fromArray(S, xs, xOff + c + l);
            IntVector i0 = (IntVector) ShortVector.fromArray(SS, h, w0 + c).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i1 = (IntVector) ShortVector.fromArray(SS, h, w1 + c).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i2 = (IntVector) ShortVector.fromArray(SS, h, w2 + c).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i3 = (IntVector) ShortVector.fromArray(SS, h, w3 + c).convertShape(VectorOperators.S2I, IS, 0);
            a0 = i0.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().fma(xv, a0);
            a1 = i1.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().fma(xv, a1);
            a2 = i2.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().fma(xv, a2);
            a3 = i3.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().fma(xv, a3);
            IntVector j0 = (IntVector) ShortVector.fromArray(SS, h, w0 + c + l).convertShape(VectorOperators.S2I, IS, 0);
            IntVector j1 = (IntVector) ShortVector.fromArray(SS, h, w1 + c + l).convertShape(VectorOperators.S2I, IS, 0);
            IntVector j2 = (IntVector) ShortVector.fromArray(SS, h, w2 + c + l).convertShape(VectorOperators.S2I, IS, 0);
            IntVector j3 = (IntVector) ShortVector.fromArray(SS, h, w3 + c + l).convertShape(VectorOperators.S2I, IS, 0);
            b0 = j0.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().fma(xu, b0);
            b1 = j1.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().fma(xu, b1);
            b2 = j2.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().fma(xu, b2);
            b3 = j3.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().fma(xu, b3);
        }
        // reduced here, not through store(): C2 did not inline store into this (larger) method and
        // boxed its four vector arguments (JMH -prof gc: 384 B per four rows)
        out[0] = a0.add(b0).reduceLanes(VectorOperators.ADD) * 0x1p56f;
        out[1] = a1.add(b1).reduceLanes(VectorOperators.ADD) * 0x1p56f;
        out[2] = a2.add(b2).reduceLanes(VectorOperators.ADD) * 0x1p56f;
        out[3] = a3.add(b3).reduceLanes(VectorOperators.ADD) * 0x1p56f;
    }

    /** |x| below this scales by 2^56 without overflow (with room for the sums); larger x takes the one-row path. */
    private static final float SCALED_X_LIMIT = 0x1p64f;

    /** Whether every |x| is below 2^64 (NaN is not): then x * 2^56 and the sums stay finite. */
    static boolean scalable(float[] x, int xOff, int cols) {
        for (int c = 0; c < cols; c++) {
            if (!(Math.abs(x[xOff + c]) < SCALED_X_LIMIT)) {
                return false;
            }
        }
        return true;
    }

    /** xs[0 .. cols) = x[xOff ..] * 2^56 (exact for {@link #scalable} x), in xs or a larger new array. */
    static float[] scaledX(float[] x, int xOff, int cols, float[] xs) {
        if (xs.length < cols) {
            xs = new float[cols];
        }
        for (int c = 0; c < cols; c++) {
            xs[c] = x[xOff + c] * 0x1p56f;
        }
        return xs;
    }

    /**
     * A finite half widened to int and shifted left 13, masked to sign | exponent(5) | mantissa(10)
     * in float position, is the float h * 2^-112 (see VectorQuant#dotF16); only for matrices
     * without Inf/NaN.
     */
    private static final int F16_BITS = 0x8FFFE000;

    /** Per row and block: the int8 values times x summed, then one multiply-add by the block scale. */
    private static void q8(QuantizedMatrix w, int r, int full, float[] x, int xOff, float[] out) {
        int blocks = w.blocksPerRow(), l = S.length();
        int w0 = r * blocks * B, w1 = w0 + blocks * B, w2 = w1 + blocks * B, w3 = w2 + blocks * B;
        int d0 = r * blocks, d1 = d0 + blocks, d2 = d1 + blocks, d3 = d2 + blocks;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int b = 0; b < full; b++) {
            int c = b * B;
            FloatVector p0 = FloatVector.zero(S), p1 = p0, p2 = p0, p3 = p0;
            for (int j = 0; j < B; j += l) {
                FloatVector xv = FloatVector.fromArray(S, x, xOff + c + j);
                p0 = i8(w.q, w0 + c + j).fma(xv, p0);
                p1 = i8(w.q, w1 + c + j).fma(xv, p1);
                p2 = i8(w.q, w2 + c + j).fma(xv, p2);
                p3 = i8(w.q, w3 + c + j).fma(xv, p3);
            }
            a0 = p0.fma(FloatVector.broadcast(S, w.scales[d0 + b]), a0);
            a1 = p1.fma(FloatVector.broadcast(S, w.scales[d1 + b]), a1);
            a2 = p2.fma(FloatVector.broadcast(S, w.scales[d2 + b]), a2);
            a3 = p3.fma(FloatVector.broadcast(S, w.scales[d3 + b]), a3);
        }
        store(a0, a1, a2, a3, out);
    }

    private static FloatVector i8(byte[] q, int off) {
        return (FloatVector) ByteVector.fromArray(BS, q, off).convertShape(VectorOperators.B2F, S, 0);
    }

    private static void store(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, float[] out) {
        out[0] = a0.reduceLanes(VectorOperators.ADD);
        out[1] = a1.reduceLanes(VectorOperators.ADD);
        out[2] = a2.reduceLanes(VectorOperators.ADD);
        out[3] = a3.reduceLanes(VectorOperators.ADD);
    }
}
