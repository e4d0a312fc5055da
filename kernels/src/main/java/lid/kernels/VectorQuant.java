package lid.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with quantized weights on the Vector API. GEMV dequantizes inside the dot product,
 * L weights at a time (bytes or shorts widened to L float lanes); the batched product reuses
 * {@link VectorGemm}'s packed micro-kernel, dequantizing W only into the packed B panel it
 * builds anyway. Each per-format loop is its own method so no vector crosses a call.
 * Widths with fewer than 8 float lanes fall back to the scalar reference.
 */
public final class VectorQuant extends VectorFamily implements QuantizedKernels {
    /** This family on the given threads. */
    public VectorQuant(Parallel par) {
        super(par);
    }

    private static final boolean VECTOR = L >= 8 && WeightFormat.BLOCK % L == 0;
    static final VectorSpecies<Byte> BS = VECTOR ? VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8)) : null;
    static final VectorSpecies<Short> SS = VECTOR ? VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16)) : null;
    static final VectorSpecies<Integer> IS = VECTOR ? VectorSpecies.of(int.class, VectorShape.forBitSize(L * 32)) : null;
    private static final long MIN_WORK_PER_PART = 1L << 16;

    @Override
    public void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff) {
        QuantizedKernels.Checks.gemv(w, x, xOff, y, yOff);
        if (!VECTOR) {
            ScalarQuant.INSTANCE.qgemv(w, x, xOff, beta, y, yOff);
            return;
        }
        int rows = w.rows();
        if (w.format() == WeightFormat.Q4) {
            q4gemv(par, w, x, xOff, beta, y, yOff);
            return;
        }
        int parts = (int) Math.max(1, Math.min(par.threads(), (long) rows * w.cols() / MIN_WORK_PER_PART));
        // four rows at a time share each x load (VectorQuantRows); F16 reads x * 2^56 there (each
        // part scales its own copy, so no core reads lines another core just wrote), and F16 with
        // Inf/NaN weights, or x too large to scale, takes the exact one-row path
        boolean f16 = w.format() == WeightFormat.F16;
        boolean fourRows = !f16 || (w.halfFinite && VectorQuantRows.scalable(x, xOff, w.cols()));
        int full = w.cols() / WeightFormat.BLOCK;
        par.forEach(parts, q -> {
            int r0 = (int) ((long) rows * q / parts), r1 = (int) ((long) rows * (q + 1) / parts);
            int r = r0;
            if (fourRows) {
                float[] x4 = x;
                int x4Off = xOff;
                if (f16) {
                    x4 = VectorQuantRows.scaledX(x, xOff, w.cols(), XB.get());
                    XB.set(x4);
                    x4Off = 0;
                }
                float[] four = new float[VectorQuantRows.ROWS];
                for (; r + VectorQuantRows.ROWS <= r1; r += VectorQuantRows.ROWS) {
                    VectorQuantRows.dot4(w, r, full, x4, x4Off, four);
                    for (int i = 0; i < VectorQuantRows.ROWS; i++) {
                        float d = four[i] + VectorQuantRows.tail(w, r + i, full * WeightFormat.BLOCK, x, xOff);
                        y[yOff + r + i] = beta == 0f ? d : d + beta * y[yOff + r + i];
                    }
                }
            }
            for (; r < r1; r++) {
                float d = dot(w, r, x, xOff);
                y[yOff + r] = beta == 0f ? d : d + beta * y[yOff + r];
            }
        });
    }

    private static final ThreadLocal<float[]> XB = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> XSUM = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * Q4 rows in groups of L on the panel memory order (VectorQuantPanels); parts split on pairs
     * of groups. Each part builds its own broadcast x in its thread's buffer: read by one core
     * only, it never crosses between cores' caches.
     */
    private static void q4gemv(Parallel par, QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff) {
        int groups = VectorQuantPanels.groups(w), pairs = (groups + 1) / 2;
        int parts = (int) Math.max(1, Math.min(Math.min(par.threads(), pairs), (long) w.rows() * w.cols() / MIN_WORK_PER_PART));
        par.forEach(parts, q -> {
            float[] xb = VectorQuantPanels.broadcastX(w, x, xOff, XB.get());
            XB.set(xb);
            float[] xsum = VectorQuantPanels.blockSums(w, x, xOff, XSUM.get());
            XSUM.set(xsum);
            int p0 = (int) ((long) pairs * q / parts), p1 = (int) ((long) pairs * (q + 1) / parts);
            VectorQuantPanels.gemv(w, 2 * p0, Math.min(groups, 2 * p1), xb, xsum, beta, y, yOff);
        });
    }

    /** See {@link ScalarQuant#qmatmul}. */
    @Override
    public void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx,
                               float beta, float[] y, int yOff, int ldy) {
        QuantizedKernels.Checks.matmul(transW, m, w, x, xOff, ldx, y, yOff, ldy);
        if (!VECTOR) {
            ScalarQuant.INSTANCE.qmatmul(transW, m, w, x, xOff, ldx, beta, y, yOff, ldy);
            return;
        }
        int n = transW ? w.rows() : w.cols();
        int k = transW ? w.cols() : w.rows();
        if (m == 0 || n == 0) {
            return;
        }
        // No GEMV shortcut for m == 1: a row's result must not depend on how many rows come with it.
        VectorGemm.BSource src = transW
                ? (pc, kc, jc, nc, dst, dstOff) -> packTransposed(w, pc, kc, jc, nc, dst, dstOff)
                : (pc, kc, jc, nc, dst, dstOff) -> packRows(w, pc, kc, jc, nc, dst, dstOff);
        VectorGemm.run(par, false, m, n, k, 1f, x, xOff, ldx, src, beta, y, yOff, ldy);
    }

    // ---- packing with dequantization --------------------------------------------------------

    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    /** op(B) = W^T: B[p, j] = W[jc+j, pc+p]; each W row segment is dequantized, then transposed into the panel. */
    private static void packTransposed(QuantizedMatrix w, int pc, int kc, int jc, int nc, float[] dst, int dstOff) {
        float[] row = ROW.get();
        if (row.length < kc) {
            row = new float[kc];
            ROW.set(row);
        }
        int nr = VectorGemm.NR;
        if (w.format() == WeightFormat.Q4 && jc % QuantizedMatrix.PANEL == 0 && nr % QuantizedMatrix.PANEL == 0) {
            packTransposedQ4(w, pc, kc, jc, nc, dst, dstOff);
            return;
        }
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = dstOff + jr * kc;
            for (int q = 0; q < nr; q++) {
                if (q < cols) {
                    dequantize(w, jc + jr + q, pc, kc, row, 0);
                    for (int p = 0, d = base + q; p < kc; p++, d += nr) {
                        dst[d] = row[p];
                    }
                } else {
                    for (int p = 0, d = base + q; p < kc; p++, d += nr) {
                        dst[d] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Q4 in panel order: the 16 rows of a panel at one column are 16 consecutive floats of the
     * packed panel (B[p, jr .. jr+16)), dequantized in one go; rows past the matrix are zero.
     */
    private static void packTransposedQ4(QuantizedMatrix w, int pc, int kc, int jc, int nc, float[] dst, int dstOff) {
        int nr = VectorGemm.NR, panel = QuantizedMatrix.PANEL, panels = QuantizedMatrix.panels(w.rows());
        for (int jr = 0; jr < nc; jr += nr) {
            int base = dstOff + jr * kc;
            for (int h = 0; h < nr; h += panel) {
                int p = (jc + jr + h) / panel;
                // whole panels past the last one (and so past nc) are zero; padding rows inside one have scale 0
                boolean live = jr + h < nc && p < panels;
                int valid = live ? Math.min(panel, nc - jr - h) : 0;
                for (int k = 0; k < kc; k++) {
                    int d = base + k * nr + h;
                    if (live) {
                        VectorQuantPanels.panelColumn(w, p, pc + k, dst, d);
                    }
                    java.util.Arrays.fill(dst, d + valid, d + panel, 0f);
                }
            }
        }
    }

    /** op(B) = W: B[p, j] = W[pc+p, jc+j]; panel rows are dequantized straight into place. */
    private static void packRows(QuantizedMatrix w, int pc, int kc, int jc, int nc, float[] dst, int dstOff) {
        int nr = VectorGemm.NR;
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = dstOff + jr * kc;
            for (int p = 0; p < kc; p++) {
                int d = base + p * nr;
                dequantize(w, pc + p, jc + jr, cols, dst, d);
                for (int q = cols; q < nr; q++) {
                    dst[d + q] = 0f;
                }
            }
        }
    }

    /** dst[off .. off+len) = W[r, c0 .. c0+len): vector chunks where aligned, scalar elsewhere. */
    static void dequantize(QuantizedMatrix w, int r, int c0, int len, float[] dst, int off) {
        int c = c0;
        int end = c0 + len;
        while (c < end && c % L != 0) {
            dst[off + c - c0] = w.get(r, c);
            c++;
        }
        int vecEnd = c + (end - c) / L * L;
        switch (w.format()) {
            case F32 -> System.arraycopy(w.f32, r * w.cols() + c, dst, off + c - c0, vecEnd - c);
            case BF16 -> dequantBf16(w, r, c, vecEnd, dst, off - c0);
            case F16 -> dequantF16(w, r, c, vecEnd, dst, off - c0);
            case Q8 -> dequantQ8(w, r, c, vecEnd, dst, off - c0);
            case Q4 -> { // a row's bytes lie 16 apart in the panel order: element by element
                for (int e = c; e < vecEnd; e++) {
                    dst[off + e - c0] = w.get(r, e);
                }
            }
        }
        for (c = vecEnd; c < end; c++) {
            dst[off + c - c0] = w.get(r, c);
        }
    }

    private static void dequantBf16(QuantizedMatrix w, int r, int c0, int c1, float[] dst, int shift) {
        int rowBase = r * w.cols();
        for (int c = c0; c < c1; c += L) {
            IntVector iv = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c).convertShape(VectorOperators.S2I, IS, 0);
            iv.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, shift + c);
        }
    }

    private static void dequantF16(QuantizedMatrix w, int r, int c0, int c1, float[] dst, int shift) {
        int rowBase = r * w.cols();
        if (w.halfFinite) { // see dotF16
            for (int c = c0; c < c1; c += L) {
                ((IntVector) ShortVector.fromArray(SS, w.half, rowBase + c).convertShape(VectorOperators.S2I, IS, 0))
                        .lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().mul(0x1p112f)
                        .intoArray(dst, shift + c);
            }
            return;
        }
        for (int c = c0; c < c1; c += L) {
            IntVector h = ((IntVector) ShortVector.fromArray(SS, w.half, rowBase + c)
                    .convertShape(VectorOperators.S2I, IS, 0)).and(0xFFFF);
            IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
            IntVector em = h.and(0x7FFF);
            // normal: rebias the exponent (127 - 15) << 23; Inf/NaN: once more to reach 255
            IntVector bits = em.lanewise(VectorOperators.LSHL, 13).add(0x38000000)
                    .add(0x38000000, em.compare(VectorOperators.GE, 0x7C00));
            // subnormal or zero: value = em * 2^-24 exactly
            IntVector sub = ((FloatVector) em.convert(VectorOperators.I2F, 0)).mul(0x1p-24f).reinterpretAsInts();
            VectorMask<Integer> isSub = em.compare(VectorOperators.LT, 0x400);
            bits.blend(sub, isSub).or(sign).reinterpretAsFloats().intoArray(dst, shift + c);
        }
    }

    private static void dequantQ8(QuantizedMatrix w, int r, int c0, int c1, float[] dst, int shift) {
        int blocks = w.blocksPerRow();
        int rowBase = r * blocks * WeightFormat.BLOCK;
        for (int c = c0; c < c1; c += L) {
            float d = w.scales[r * blocks + c / WeightFormat.BLOCK];
            ((FloatVector) ByteVector.fromArray(BS, w.q, rowBase + c).convertShape(VectorOperators.B2F, S, 0))
                    .mul(d).intoArray(dst, shift + c);
        }
    }

    // ---- dot products with dequantization inside ----------------------------------------------

    private static float dot(QuantizedMatrix w, int r, float[] x, int xOff) {
        int cols = w.cols();
        int vecEnd = cols / L * L;
        float s = switch (w.format()) {
            case F32 -> dotF32(w, r, vecEnd, x, xOff);
            case BF16 -> dotBf16(w, r, vecEnd, x, xOff);
            case F16 -> dotF16(w, r, vecEnd, x, xOff);
            case Q8 -> dotQ8(w, r, vecEnd, x, xOff);
            case Q4 -> throw new IllegalStateException("Q4 goes through VectorQuantPanels");
        };
        for (int c = vecEnd; c < cols; c++) {
            s += w.get(r, c) * x[xOff + c];
        }
        return s;
    }

    private static float dotF32(QuantizedMatrix w, int r, int end, float[] x, int xOff) {
        int rowBase = r * w.cols();
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int c = 0;
        for (; c + 4 * L <= end; c += 4 * L) {
            a0 = FloatVector.fromArray(S, w.f32, rowBase + c).fma(FloatVector.fromArray(S, x, xOff + c), a0);
            a1 = FloatVector.fromArray(S, w.f32, rowBase + c + L).fma(FloatVector.fromArray(S, x, xOff + c + L), a1);
            a2 = FloatVector.fromArray(S, w.f32, rowBase + c + 2 * L).fma(FloatVector.fromArray(S, x, xOff + c + 2 * L), a2);
            a3 = FloatVector.fromArray(S, w.f32, rowBase + c + 3 * L).fma(FloatVector.fromArray(S, x, xOff + c + 3 * L), a3);
        }
        for (; c < end; c += L) {
            a0 = FloatVector.fromArray(S, w.f32, rowBase + c).fma(FloatVector.fromArray(S, x, xOff + c), a0);
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /** Four accumulators: the FMA latency chain, not memory, limits a single-accumulator loop. */
    private static float dotBf16(QuantizedMatrix w, int r, int end, float[] x, int xOff) {
        int rowBase = r * w.cols();
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int c = 0;
        for (; c + 4 * L <= end; c += 4 * L) {
            IntVector i0 = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i1 = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c + L).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i2 = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c + 2 * L).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i3 = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c + 3 * L).convertShape(VectorOperators.S2I, IS, 0);
            a0 = i0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(FloatVector.fromArray(S, x, xOff + c), a0);
            a1 = i1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(FloatVector.fromArray(S, x, xOff + c + L), a1);
            a2 = i2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(FloatVector.fromArray(S, x, xOff + c + 2 * L), a2);
            a3 = i3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(FloatVector.fromArray(S, x, xOff + c + 3 * L), a3);
        }
        for (; c < end; c += L) {
            IntVector iv = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c).convertShape(VectorOperators.S2I, IS, 0);
            a0 = iv.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(FloatVector.fromArray(S, x, xOff + c), a0);
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /**
     * Finite halves convert with two integer ops and one multiply: (h << 13) of the sign-extended
     * half, masked to sign | exponent(5) | mantissa(10) in float position (0x8FFFE000), is the
     * float h * 2^-112 (subnormal halves become subnormal floats), so * 2^112 is exact. Inf/NaN
     * would come out finite, so matrices holding any take {@link #dotF16Special}.
     */
    private static float dotF16(QuantizedMatrix w, int r, int end, float[] x, int xOff) {
        if (!w.halfFinite) {
            return dotF16Special(w, r, end, x, xOff);
        }
        int rowBase = r * w.cols();
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int c = 0;
        for (; c + 4 * L <= end; c += 4 * L) {
            IntVector i0 = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i1 = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c + L).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i2 = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c + 2 * L).convertShape(VectorOperators.S2I, IS, 0);
            IntVector i3 = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c + 3 * L).convertShape(VectorOperators.S2I, IS, 0);
            a0 = i0.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().mul(0x1p112f)
                    .fma(FloatVector.fromArray(S, x, xOff + c), a0);
            a1 = i1.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().mul(0x1p112f)
                    .fma(FloatVector.fromArray(S, x, xOff + c + L), a1);
            a2 = i2.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().mul(0x1p112f)
                    .fma(FloatVector.fromArray(S, x, xOff + c + 2 * L), a2);
            a3 = i3.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().mul(0x1p112f)
                    .fma(FloatVector.fromArray(S, x, xOff + c + 3 * L), a3);
        }
        for (; c < end; c += L) {
            IntVector iv = (IntVector) ShortVector.fromArray(SS, w.half, rowBase + c).convertShape(VectorOperators.S2I, IS, 0);
            a0 = iv.lanewise(VectorOperators.LSHL, 13).and(F16_BITS).reinterpretAsFloats().mul(0x1p112f)
                    .fma(FloatVector.fromArray(S, x, xOff + c), a0);
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /** sign | exponent | mantissa of a half shifted left by 13 into float position. */
    private static final int F16_BITS = 0x8FFFE000;

    /** Every half including Inf/NaN: rebias the exponent, subnormals through an int-to-float convert. */
    private static float dotF16Special(QuantizedMatrix w, int r, int end, float[] x, int xOff) {
        int rowBase = r * w.cols();
        FloatVector acc = FloatVector.zero(S);
        for (int c = 0; c < end; c += L) {
            IntVector h = ((IntVector) ShortVector.fromArray(SS, w.half, rowBase + c)
                    .convertShape(VectorOperators.S2I, IS, 0)).and(0xFFFF);
            IntVector sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
            IntVector em = h.and(0x7FFF);
            IntVector bits = em.lanewise(VectorOperators.LSHL, 13).add(0x38000000)
                    .add(0x38000000, em.compare(VectorOperators.GE, 0x7C00));
            IntVector sub = ((FloatVector) em.convert(VectorOperators.I2F, 0)).mul(0x1p-24f).reinterpretAsInts();
            FloatVector wv = bits.blend(sub, em.compare(VectorOperators.LT, 0x400)).or(sign).reinterpretAsFloats();
            acc = wv.fma(FloatVector.fromArray(S, x, xOff + c), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * Per block: products of the int8 values and x summed first, then one multiply-add by the
     * block scale; four blocks per iteration, each with its own sum and accumulator, so the
     * byte-to-float conversions and FMAs of different blocks overlap.
     */
    private static float dotQ8(QuantizedMatrix w, int r, int end, float[] x, int xOff) {
        int blocks = w.blocksPerRow();
        int rowBase = r * blocks * WeightFormat.BLOCK;
        int sBase = r * blocks;
        final int B = WeightFormat.BLOCK;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int c = 0;
        for (; c + 4 * B <= end; c += 4 * B) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < B; j += L) {
                int o = c + j;
                s0 = ((FloatVector) ByteVector.fromArray(BS, w.q, rowBase + o).convertShape(VectorOperators.B2F, S, 0))
                        .fma(FloatVector.fromArray(S, x, xOff + o), s0);
                s1 = ((FloatVector) ByteVector.fromArray(BS, w.q, rowBase + o + B).convertShape(VectorOperators.B2F, S, 0))
                        .fma(FloatVector.fromArray(S, x, xOff + o + B), s1);
                s2 = ((FloatVector) ByteVector.fromArray(BS, w.q, rowBase + o + 2 * B).convertShape(VectorOperators.B2F, S, 0))
                        .fma(FloatVector.fromArray(S, x, xOff + o + 2 * B), s2);
                s3 = ((FloatVector) ByteVector.fromArray(BS, w.q, rowBase + o + 3 * B).convertShape(VectorOperators.B2F, S, 0))
                        .fma(FloatVector.fromArray(S, x, xOff + o + 3 * B), s3);
            }
            int b = sBase + c / B;
            a0 = s0.fma(FloatVector.broadcast(S, w.scales[b]), a0);
            a1 = s1.fma(FloatVector.broadcast(S, w.scales[b + 1]), a1);
            a2 = s2.fma(FloatVector.broadcast(S, w.scales[b + 2]), a2);
            a3 = s3.fma(FloatVector.broadcast(S, w.scales[b + 3]), a3);
        }
        for (; c < end; c += L) {
            FloatVector qv = (FloatVector) ByteVector.fromArray(BS, w.q, rowBase + c).convertShape(VectorOperators.B2F, S, 0);
            a0 = qv.mul(w.scales[sBase + c / B]).fma(FloatVector.fromArray(S, x, xOff + c), a0);
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }
}
