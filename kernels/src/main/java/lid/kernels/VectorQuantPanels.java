package lid.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4 GEMV on the panel memory order of {@link QuantizedMatrix}: vector lanes are rows, not
 * columns. The 16 bytes of one (panel, block, column pair j) widen to 16 int lanes (rows); the
 * low nibbles times x[j] and the high nibbles times x[j+16] go into the row sums, and the block
 * scale is applied once per block and 16 rows (with columns in lanes it costs one multiply-add
 * per block and row, a third of the FMAs). x is given broadcast, L copies per column
 * ({@link #broadcastX}, built by each thread for itself): a broadcast load is a plain load, a
 * broadcast of a loaded scalar competes with the widening for the shuffle unit (one core,
 * 4096 x 4096: 40 against 46-50 GFLOP/s). The -8 offset
 * leaves the loop: sum_j d (n_j - 8) x_j = d (sum_j n_j x_j - 8 xsum_b).
 *
 * <p>The widening is written out at each use: a helper method returning a vector is not
 * always inlined, and a vector that crosses a call is boxed.
 *
 * <p>Row groups are L rows (one panel of 16 with 512-bit vectors, half a panel with 256-bit);
 * two groups run together to share the x loads (a lone last group fills both halves). Each
 * half's arithmetic depends only on its own group, so results do not depend on the thread count.
 */
final class VectorQuantPanels {
    private VectorQuantPanels() {}

    private static final VectorSpecies<Float> S = VectorQuant.S;
    private static final int L = S.length();
    private static final VectorSpecies<Byte> BS = VectorQuant.BS;
    private static final VectorSpecies<Integer> IS = VectorQuant.IS;
    private static final int P = QuantizedMatrix.PANEL;
    private static final int B = WeightFormat.BLOCK;

    /** Row groups of L rows, the unit of work: panels * (16 / L). */
    static int groups(QuantizedMatrix w) {
        return QuantizedMatrix.panels(w.rows()) * (P / L);
    }

    /** xb[c*L .. c*L+L) = x[c] for every column of the padded blocks (zero past cols). */
    static float[] broadcastX(QuantizedMatrix w, float[] x, int xOff, float[] xb) {
        int padded = w.blocksPerRow() * B;
        if (xb.length < padded * L) {
            xb = new float[padded * L];
        }
        for (int c = 0; c < padded; c++) {
            FloatVector.broadcast(S, c < w.cols() ? x[xOff + c] : 0f).intoArray(xb, c * L);
        }
        return xb;
    }

    /** Sums of x over every block, the partial last one included (fixed order). */
    static float[] blockSums(QuantizedMatrix w, float[] x, int xOff, float[] xsum) {
        int blocks = w.blocksPerRow();
        if (xsum.length < blocks) {
            xsum = new float[blocks];
        }
        for (int b = 0; b < blocks; b++) {
            float acc = 0f;
            for (int c = b * B, end = Math.min(w.cols(), c + B); c < end; c++) {
                acc += x[xOff + c];
            }
            xsum[b] = acc;
        }
        return xsum;
    }

    /** y[rows of groups g0 .. g1) = W x (+ beta y), from the broadcast x and the block sums. */
    static void gemv(QuantizedMatrix w, int g0, int g1, float[] xb, float[] xsum, float beta, float[] y, int yOff) {
        float[] out = new float[2 * L];
        int g = g0;
        for (; g + 2 <= g1; g += 2) {
            pair(w, g, g + 1, xb, xsum, out);
            store(w, g, 2, out, beta, y, yOff);
        }
        if (g < g1) { // a lone last group runs as both halves of a pair (computed twice, stored once)
            pair(w, g, g, xb, xsum, out);
            store(w, g, 1, out, beta, y, yOff);
        }
    }

    private static void store(QuantizedMatrix w, int g, int count, float[] out, float beta, float[] y, int yOff) {
        int r0 = g * L, n = Math.min(count * L, w.rows() - r0);
        for (int i = 0; i < n; i++) {
            int yi = yOff + r0 + i;
            y[yi] = beta == 0f ? out[i] : out[i] + beta * y[yi];
        }
    }

    /** Byte offset of group g's lanes in block 0, column pair 0 (blocks follow at 256 bytes each). */
    private static int byteBase(int blocks, int g) {
        int r = g * L;
        return (r / P) * blocks * B * 8 + r % P;
    }

    private static int scaleBase(int blocks, int g) {
        int r = g * L;
        return (r / P) * blocks * P + r % P;
    }

    /** Groups ga and gb (out[0 .. L) and out[L .. 2L)); each half's arithmetic depends only on its group. */
    private static void pair(QuantizedMatrix w, int ga, int gb, float[] xb, float[] xsum, float[] out) {
        int blocks = w.blocksPerRow();
        byte[] q = w.q;
        float[] sc = w.scales;
        int qa = byteBase(blocks, ga), qb = byteBase(blocks, gb);
        int sa = scaleBase(blocks, ga), sb = scaleBase(blocks, gb);
        FloatVector accA = FloatVector.zero(S), accB = accA;
        for (int b = 0; b < blocks; b++) {
            int ba = qa + b * B * 8, bb = qb + b * B * 8, xo = b * B * L;
            FloatVector e0 = FloatVector.zero(S), e1 = e0, o0 = e0, o1 = e0, f0 = e0, f1 = e0, u0 = e0, u1 = e0;
            for (int j = 0; j < 16; j += 2) {
                IntVector i = (IntVector) ByteVector.fromArray(BS, q, ba + j * P)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2I, IS, 0);
                IntVector k = (IntVector) ByteVector.fromArray(BS, q, ba + (j + 1) * P)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2I, IS, 0);
                IntVector m = (IntVector) ByteVector.fromArray(BS, q, bb + j * P)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2I, IS, 0);
                IntVector n = (IntVector) ByteVector.fromArray(BS, q, bb + (j + 1) * P)
                        .convertShape(VectorOperators.ZERO_EXTEND_B2I, IS, 0);
                int xj = xo + j * L;
                FloatVector x0 = FloatVector.fromArray(S, xb, xj), x1 = FloatVector.fromArray(S, xb, xj + L);
                FloatVector x2 = FloatVector.fromArray(S, xb, xj + 16 * L), x3 = FloatVector.fromArray(S, xb, xj + 17 * L);
                e0 = ((FloatVector) i.and(0xF).convert(VectorOperators.I2F, 0)).fma(x0, e0);
                o0 = ((FloatVector) k.and(0xF).convert(VectorOperators.I2F, 0)).fma(x1, o0);
                f0 = ((FloatVector) m.and(0xF).convert(VectorOperators.I2F, 0)).fma(x0, f0);
                u0 = ((FloatVector) n.and(0xF).convert(VectorOperators.I2F, 0)).fma(x1, u0);
                e1 = ((FloatVector) i.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(x2, e1);
                o1 = ((FloatVector) k.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(x3, o1);
                f1 = ((FloatVector) m.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(x2, f1);
                u1 = ((FloatVector) n.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(x3, u1);
            }
            float off = 8f * xsum[b];
            accA = e0.add(e1).add(o0.add(o1)).sub(off).fma(FloatVector.fromArray(S, sc, sa + b * P), accA);
            accB = f0.add(f1).add(u0.add(u1)).sub(off).fma(FloatVector.fromArray(S, sc, sb + b * P), accB);
        }
        accA.intoArray(out, 0);
        accB.intoArray(out, L);
    }

    /**
     * The 16 rows of panel p at column c, dequantized into dst[off .. off+16) (GEMM packing of
     * W^T: one widening, one convert and one multiply by the 16 rows' block scales).
     */
    static void panelColumn(QuantizedMatrix w, int p, int c, float[] dst, int off) {
        int blocks = w.blocksPerRow();
        int b = c / B, j = c % B;
        int base = ((p * blocks + b) * 16 + (j & 15)) * P;
        int sBase = (p * blocks + b) * P;
        for (int h = 0; h < P; h += L) {
            IntVector i = (IntVector) ByteVector.fromArray(BS, w.q, base + h).convertShape(VectorOperators.ZERO_EXTEND_B2I, IS, 0);
            IntVector nib = j < 16 ? i.and(0xF) : i.lanewise(VectorOperators.LSHR, 4);
            ((FloatVector) nib.sub(8).convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(S, w.scales, sBase + h))
                    .intoArray(dst, off + h);
        }
    }
}
