package lid.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM / GEMV on the Vector API: a packed, register-blocked Goto/BLIS loop nest.
 *
 * <p>C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C, row-major (see {@link Kernels#sgemm}).
 * <pre>
 * for ic over m in MC rows              (each thread owns a column or row range of C)
 *   for pc over k in KC                 pack A[ic:ic+MC, pc:pc+KC] into MR-row panels
 *     for jc over n in NC                pack B[pc:pc+KC, jc:jc+NC] into NR-column panels (L2)
 *       for ir over MC in MR             the A micro-panel (MR x KC) stays in L1
 *         for jr over NC in NR             micro-kernel: MR x NR block of C kept in MR * 2
 *                                          vector registers for the whole KC loop; the B
 *                                          micro-panel streams from L2
 * </pre>
 * This is BLIS's order with the roles transposed for row-major C: the broadcast operand (A)
 * sits in L1, the vector operand (B) streams from L2.
 * Packing handles the transposes, so all four cases run the same micro-kernel; panels are
 * zero-padded, and edge tiles go through a small scratch tile. Every C element is summed over
 * p = 0..k-1 in the same order whatever the thread count, so results are bit-identical across
 * thread counts. The micro-kernel's epilogue is written inline: a helper taking vectors that C2
 * does not inline boxes the accumulators (8x slower, allocation per call).
 */
public final class VectorGemm extends VectorFamily implements GemmKernels {
    /** This family on the given threads. */
    public VectorGemm(Parallel par) {
        super(par);
    }

    /** Columns of the micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of the micro-tile: 12 x 2 accumulators + 2 B vectors + 1 broadcast fit 32 registers. */
    static final int MR = 12;
    // Cache blocking; tuning knobs as system properties (MC is rounded to a multiple of MR).
    static final int KC = Integer.getInteger("lid.gemm.kc", 256);
    static final int MC = Math.max(MR, Integer.getInteger("lid.gemm.mc", 1920) / MR * MR);
    static final int NC = Math.max(NR, Integer.getInteger("lid.gemm.nc", 1024) / NR * NR);
    /** Below this many multiply-adds per thread part, one thread does the whole product. */
    private static final long MIN_WORK_PER_PART = 1L << 17;

    /**
     * Where the B operand comes from: packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels at
     * dst[dstOff...] (panel q holds, for each p, NR values; columns past nc are zero). Float
     * arrays in any transpose, and quantized weights (dequantized while packing), implement it.
     */
    @FunctionalInterface
    interface BSource {
        void pack(int pc, int kc, int jc, int nc, float[] dst, int dstOff);
    }

    /** Per-thread packing buffers, grown on demand and reused (no allocation in steady state). */
    private static final class Workspace {
        float[] packA = new float[0];
        float[] packB = new float[0];
        final float[] tile = new float[MR * NR];

        float[] packA(int size) {
            if (packA.length < size) {
                packA = new float[size];
            }
            return packA;
        }

        /** The B buffer all threads of one product fill together (owned by the calling thread). */
        float[] sharedB = new float[0];

        float[] sharedB(int size) {
            if (sharedB.length < size) {
                sharedB = new float[size];
            }
            return sharedB;
        }

        float[] packB(int size) {
            if (packB.length < size) {
                packB = new float[size];
            }
            return packB;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        sgemm(par, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** {@link #sgemm} on the given threads (a batch runs whole products on single threads). */
    static void sgemm(Parallel par, boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        GemmKernels.Checks.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        // No GEMV shortcut for m == 1: a row of C must come out the same whatever the number of rows
        // (an estimate of one point alone equals its estimate in a batch). The n == 1 shortcut keeps
        // that: every row of a one-column product goes through the same dot product (not for transA,
        // whose GEMV treats the vector body and the tail of its outputs differently).
        if (n == 1 && !transA && !transB && ldb == 1 && ldc == 1) {
            // One contiguous column of C with contiguous b: y = alpha A b + beta y.
            sgemvUnchecked(par, false, m, k, alpha, a, aOff, lda, b, bOff, beta, c, cOff);
            return;
        }
        BSource src = (pc, kc, jc, nc, dst, dstOff) -> packB(transB, b, bOff, ldb, pc, kc, jc, nc, dst, dstOff);
        run(par, transA, m, n, k, alpha, a, aOff, lda, src, beta, c, cOff, ldc);
    }

    /** The product with any B source (arguments already checked). */
    static void run(Parallel par, boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                    BSource b, float beta, float[] c, int cOff, int ldc) {
        long work = (long) m * n * k;
        int parts = (int) Math.max(1, Math.min(par.threads(), work / MIN_WORK_PER_PART));
        if (parts == 1) {
            block(transA, 0, m, 0, n, k, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
            return;
        }
        int rowUnits = (m + MR - 1) / MR;
        if (rowUnits >= 2 * parts) {
            parallelBlocks(par, parts, transA, m, n, k, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
            return;
        }
        // Few rows: give each thread whole column ranges (on panel boundaries) instead.
        int colUnits = (n + NR - 1) / NR;
        int colParts = Math.min(parts, colUnits);
        par.forEach(colParts, q -> {
            int j0 = (int) ((long) colUnits * q / colParts) * NR;
            int j1 = Math.min(n, (int) ((long) colUnits * (q + 1) / colParts) * NR);
            block(transA, 0, m, j0, j1, k, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
        });
    }

    /**
     * Several threads on one product: for each (jc, pc) block the threads first pack disjoint
     * panels of B into one shared buffer, then each computes its own rows of C (packing its own
     * A panels). Two fork-joins per block act as the barriers; nothing is packed twice.
     */
    private static void parallelBlocks(Parallel par, int parts, boolean transA, int m, int n, int k,
                                       float alpha, float[] a, int aOff, int lda, BSource b,
                                       float beta, float[] c, int cOff, int ldc) {
        int rowUnits = (m + MR - 1) / MR;
        int rowParts = Math.min(parts, rowUnits);
        par.forEach(rowParts, q -> scaleC(rowStart(q, rowUnits, rowParts, m), rowStart(q + 1, rowUnits, rowParts, m),
                0, n, beta, c, cOff, ldc));
        if (k == 0 || alpha == 0f) {
            return;
        }
        Workspace shared = WORKSPACE.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = (nc + NR - 1) / NR;
            float[] packB = shared.sharedB(KC * panels * NR);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                final int fjc = jc, fpc = pc;
                int packParts = Math.min(parts, panels);
                par.forEach(packParts, q -> {
                    int p0 = panels * q / packParts, p1 = panels * (q + 1) / packParts;
                    b.pack(fpc, kc, fjc + p0 * NR, Math.min(nc, p1 * NR) - p0 * NR, packB, p0 * NR * kc);
                });
                par.forEach(rowParts, q -> {
                    int r0 = rowStart(q, rowUnits, rowParts, m), r1 = rowStart(q + 1, rowUnits, rowParts, m);
                    Workspace ws = WORKSPACE.get();
                    for (int ic = r0; ic < r1; ic += MC) {
                        int mc = Math.min(MC, r1 - ic);
                        float[] packA = ws.packA(KC * ((mc + MR - 1) / MR * MR));
                        packA(transA, a, aOff, lda, ic, mc, fpc, kc, packA);
                        macro(ws, alpha, packA, mc, kc, packB, fjc, nc, c, cOff + ic * ldc, ldc);
                    }
                });
            }
        }
    }

    /** First row of part q when rowUnits micro-tile rows are split into parts. */
    private static int rowStart(int q, int rowUnits, int parts, int m) {
        return Math.min(m, (int) ((long) rowUnits * q / parts) * MR);
    }

    @Override
    public void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k,
                                    float alpha, float[] a, int aOff, int lda, int strideA,
                                    float[] b, int bOff, int ldb, int strideB,
                                    float beta, float[] c, int cOff, int ldc, int strideC) {
        GemmKernels.Checks.batched(batch, transA, transB, m, n, k, a, aOff, lda, strideA,
                b, bOff, ldb, strideB, c, cOff, ldc, strideC);
        if (batch >= par.threads() && par.threads() > 1) {
            // Whole products per thread; each product's element order is the same as single-threaded.
            Parallel serial = Parallel.serial();
            par.forEach(batch, q -> sgemm(serial, transA, transB, m, n, k, alpha, a, aOff + q * strideA, lda,
                    b, bOff + q * strideB, ldb, beta, c, cOff + q * strideC, ldc));
        } else {
            for (int q = 0; q < batch; q++) {
                sgemm(par, transA, transB, m, n, k, alpha, a, aOff + q * strideA, lda,
                        b, bOff + q * strideB, ldb, beta, c, cOff + q * strideC, ldc);
            }
        }
    }

    /** One thread's share: C[i0:i1, j0:j1]. */
    private static void block(boolean transA, int i0, int i1, int j0, int j1, int k,
                              float alpha, float[] a, int aOff, int lda, BSource b,
                              float beta, float[] c, int cOff, int ldc) {
        scaleC(i0, i1, j0, j1, beta, c, cOff, ldc);
        if (k == 0 || alpha == 0f) {
            return;
        }
        Workspace ws = WORKSPACE.get();
        for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            float[] packA = ws.packA(KC * ((mc + MR - 1) / MR * MR));
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packA(transA, a, aOff, lda, ic, mc, pc, kc, packA);
                for (int jc = j0; jc < j1; jc += NC) {
                    int nc = Math.min(NC, j1 - jc);
                    float[] packB = ws.packB(KC * ((nc + NR - 1) / NR * NR));
                    b.pack(pc, kc, jc, nc, packB, 0);
                    macro(ws, alpha, packA, mc, kc, packB, jc, nc, c, cOff + ic * ldc, ldc);
                }
            }
        }
    }

    /**
     * The macro-kernel: C[0:mc, jc:jc+nc] (rows from cRow) += alpha * packed A (mc x kc) *
     * packed B (kc x nc). The A micro-panel stays in L1 across the jr loop.
     */
    private static void macro(Workspace ws, float alpha, float[] packA, int mc, int kc, float[] packB, int jc, int nc,
                              float[] c, int cRow, int ldc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int aPanel = ir * kc;
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                int bPanel = jr * kc;
                int cIdx = cRow + ir * ldc + jc + jr;
                if (mr == MR && nr == NR) {
                    micro(kc, alpha, packA, aPanel, packB, bPanel, c, cIdx, ldc);
                } else {
                    float[] tile = ws.tile;
                    java.util.Arrays.fill(tile, 0f);
                    micro(kc, alpha, packA, aPanel, packB, bPanel, tile, 0, NR);
                    for (int r = 0; r < mr; r++) {
                        int ci = cIdx + r * ldc;
                        int ti = r * NR;
                        for (int q = 0; q < nr; q++) {
                            c[ci + q] += tile[ti + q];
                        }
                    }
                }
            }
        }
    }

    private static void scaleC(int i0, int i1, int j0, int j1, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = i0; i < i1; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row + j0, row + j1, 0f);
            } else {
                for (int j = j0; j < j1; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    /**
     * Packs op(A)[ic:ic+mc, pc:pc+kc] into MR-row panels: panel r holds, for each p, the MR
     * values op(A)[ic+r*MR+0..MR-1, pc+p] contiguously (rows past mc are zero).
     */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                              float[] dst) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (!transA && mr == MR) {
                // op(A)[i, p] = a[(ic+i)*lda + pc + p]: 12 row streams, written sequentially.
                int s0 = aOff + (ic + ir) * lda + pc;
                int s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda;
                int s6 = s5 + lda, s7 = s6 + lda, s8 = s7 + lda, s9 = s8 + lda, s10 = s9 + lda, s11 = s10 + lda;
                for (int p = 0; p < kc; p++) {
                    int d = base + p * MR;
                    dst[d] = a[s0 + p];
                    dst[d + 1] = a[s1 + p];
                    dst[d + 2] = a[s2 + p];
                    dst[d + 3] = a[s3 + p];
                    dst[d + 4] = a[s4 + p];
                    dst[d + 5] = a[s5 + p];
                    dst[d + 6] = a[s6 + p];
                    dst[d + 7] = a[s7 + p];
                    dst[d + 8] = a[s8 + p];
                    dst[d + 9] = a[s9 + p];
                    dst[d + 10] = a[s10 + p];
                    dst[d + 11] = a[s11 + p];
                }
            } else if (!transA) {
                for (int r = 0; r < mr; r++) {
                    int src = aOff + (ic + ir + r) * lda + pc;
                    int d = base + r;
                    for (int p = 0; p < kc; p++, d += MR) {
                        dst[d] = a[src + p];
                    }
                }
            } else {
                // op(A)[i, p] = a[(pc+p)*lda + ic + i]: each p is a contiguous run of MR values.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    System.arraycopy(a, src, dst, base + p * MR, mr);
                }
            }
            if (mr < MR) {
                for (int p = 0; p < kc; p++) {
                    java.util.Arrays.fill(dst, base + p * MR + mr, base + p * MR + MR, 0f);
                }
            }
        }
    }

    /**
     * Packs op(B)[pc:pc+kc, jc:jc+nc] into NR-column panels: panel q holds, for each p, the NR
     * values op(B)[pc+p, jc+q*NR+0..NR-1] contiguously (columns past nc are zero).
     */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                              float[] dst, int dstOff) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = dstOff + jr * kc;
            if (!transB && nr == NR) {
                // Two vector copies per row of the panel (cheaper than an arraycopy call per 128 bytes).
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int d = base + p * NR;
                    FloatVector.fromArray(S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                }
            } else if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int d = base + p * NR;
                    System.arraycopy(b, src, dst, d, nr);
                    java.util.Arrays.fill(dst, d + nr, d + NR, 0f);
                }
            } else {
                // op(B)[p, j] = b[(jc+j)*ldb + pc + p]
                for (int q = 0; q < nr; q++) {
                    int src = bOff + (jc + jr + q) * ldb + pc;
                    int d = base + q;
                    for (int p = 0; p < kc; p++, d += NR) {
                        dst[d] = b[src + p];
                    }
                }
                for (int q = nr; q < NR; q++) {
                    int d = base + q;
                    for (int p = 0; p < kc; p++, d += NR) {
                        dst[d] = 0f;
                    }
                }
            }
        }
    }

    /**
     * C[12, 2L] += alpha * Apanel[12, kc] * Bpanel[kc, 2L] where Apanel is stored p-major
     * (12 values per p) and Bpanel p-major (2L values per p); C row stride ldc.
     */
    private static void micro(int kc, float alpha, float[] pa, int ai, float[] pb, int bi,
                              float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00, c80 = c00, c81 = c00;
        FloatVector c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00;
        // Indices are linear in p (not separately incremented) so C2 can hoist the bounds checks.
        for (int p = 0; p < kc; p++) {
            int bp = bi + p * NR;
            int ap = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bp);
            FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
            FloatVector av = FloatVector.broadcast(S, pa[ap]);
            c00 = av.fma(b0, c00); c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, pa[ap + 1]);
            c10 = av.fma(b0, c10); c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, pa[ap + 2]);
            c20 = av.fma(b0, c20); c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, pa[ap + 3]);
            c30 = av.fma(b0, c30); c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, pa[ap + 4]);
            c40 = av.fma(b0, c40); c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, pa[ap + 5]);
            c50 = av.fma(b0, c50); c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, pa[ap + 6]);
            c60 = av.fma(b0, c60); c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, pa[ap + 7]);
            c70 = av.fma(b0, c70); c71 = av.fma(b1, c71);
            av = FloatVector.broadcast(S, pa[ap + 8]);
            c80 = av.fma(b0, c80); c81 = av.fma(b1, c81);
            av = FloatVector.broadcast(S, pa[ap + 9]);
            c90 = av.fma(b0, c90); c91 = av.fma(b1, c91);
            av = FloatVector.broadcast(S, pa[ap + 10]);
            ca0 = av.fma(b0, ca0); ca1 = av.fma(b1, ca1);
            av = FloatVector.broadcast(S, pa[ap + 11]);
            cb0 = av.fma(b0, cb0); cb1 = av.fma(b1, cb1);
        }
        // Epilogue, inline on purpose (see class comment): C += alpha * acc, row by row.
        FloatVector al = FloatVector.broadcast(S, alpha);
        int r = ci;
        c00.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c01.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c10.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c11.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c20.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c21.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c30.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c31.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c40.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c41.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c50.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c51.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c60.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c61.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c70.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c71.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c80.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c81.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        c90.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        c91.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        ca0.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        ca1.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        r += ldc;
        cb0.fma(al, FloatVector.fromArray(S, c, r)).intoArray(c, r);
        cb1.fma(al, FloatVector.fromArray(S, c, r + L)).intoArray(c, r + L);
    }

    @Override
    public void sgemv(boolean transA, int m, int n, float alpha, float[] a, int aOff, int lda,
                             float[] x, int xOff, float beta, float[] y, int yOff) {
        GemmKernels.Checks.sgemv(transA, m, n, a, aOff, lda, x, xOff, y, yOff);
        sgemvUnchecked(par, transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    /** y = alpha op(A) x + beta y with A stored [m,n]; rows (or column ranges) split over threads. */
    private static void sgemvUnchecked(Parallel par, boolean transA, int m, int n, float alpha, float[] a, int aOff,
                                       int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        long work = (long) m * n;
        int parts = (int) Math.max(1, Math.min(par.threads(), work / MIN_WORK_PER_PART));
        if (!transA) {
            // y[i] = alpha * dot(A[i,:], x) + beta * y[i]
            int rowsPerPart = (m + parts - 1) / parts;
            par.forEach(parts, p -> {
                int r0 = p * rowsPerPart;
                int r1 = Math.min(m, r0 + rowsPerPart);
                for (int i = r0; i < r1; i++) {
                    float d = dotRow(n, a, aOff + i * lda, x, xOff);
                    y[yOff + i] = beta == 0f ? alpha * d : alpha * d + beta * y[yOff + i];
                }
            });
        } else {
            // y[j] = alpha * sum_i A[i,j] x[i] + beta * y[j]: column ranges (multiples of L) per part.
            int units = (n + L - 1) / L;
            int usedParts = Math.min(parts, units);
            par.forEach(usedParts, p -> {
                int j0 = (int) ((long) units * p / usedParts) * L;
                int j1 = Math.min(n, (int) ((long) units * (p + 1) / usedParts) * L);
                gemvTransposedRange(m, j0, j1, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
            });
        }
    }

    /** dot of a[aOff..aOff+n) and x[xOff..xOff+n): four vector accumulators, then lanes, then tail. */
    private static float dotRow(int n, float[] a, int aOff, float[] x, int xOff) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        int bound4 = n - n % (4 * L);
        for (; i < bound4; i += 4 * L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, x, xOff + i), s0);
            s1 = FloatVector.fromArray(S, a, aOff + i + L).fma(FloatVector.fromArray(S, x, xOff + i + L), s1);
            s2 = FloatVector.fromArray(S, a, aOff + i + 2 * L).fma(FloatVector.fromArray(S, x, xOff + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, a, aOff + i + 3 * L).fma(FloatVector.fromArray(S, x, xOff + i + 3 * L), s3);
        }
        int bound = S.loopBound(n);
        for (; i < bound; i += L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, x, xOff + i), s0);
        }
        float sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += a[aOff + i] * x[xOff + i];
        }
        return sum;
    }

    /** y[j0:j1] = alpha * sum_i x[i] A[i, j0:j1] + beta * y[j0:j1], accumulated row by row. */
    private static void gemvTransposedRange(int m, int j0, int j1, float alpha, float[] a, int aOff, int lda,
                                            float[] x, int xOff, float beta, float[] y, int yOff) {
        for (int j = j0; j < j1; j++) {
            y[yOff + j] = beta == 0f ? 0f : beta * y[yOff + j];
        }
        int vecEnd = j0 + S.loopBound(j1 - j0);
        for (int i = 0; i < m; i++) {
            float xi = alpha * x[xOff + i];
            int row = aOff + i * lda;
            FloatVector xv = FloatVector.broadcast(S, xi);
            int j = j0;
            for (; j < vecEnd; j += L) {
                xv.fma(FloatVector.fromArray(S, a, row + j), FloatVector.fromArray(S, y, yOff + j))
                        .intoArray(y, yOff + j);
            }
            for (; j < j1; j++) {
                y[yOff + j] += xi * a[row + j];
            }
        }
    }
}
