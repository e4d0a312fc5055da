package lid.kernels;

import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions on the Vector API. x: n contiguous floats, or [rows,cols] row-major with row
 * stride cols; reduceRows writes out[rows], reduceCols out[cols].
 *
 * <p>Summation order (fixed, independent of the thread count): a global reduction (reduce,
 * dot, norm2) cuts x into {@link Split#CHUNK}-element chunks; inside a chunk four S-lane
 * accumulators take consecutive vectors, are added pairwise ((a0+a1)+(a2+a3)), their lanes are
 * added in lane order, then the scalar tail in index order; the chunk partials are added in
 * chunk order, serially or after a parallel pass that stores them in a small array. A row of
 * reduceRows is summed like one chunk. reduceCols adds the rows in index order for every
 * column (the same order as the scalar reference, so its sums are bit-identical to it).
 * Lane sums never use {@code reduceLanes(ADD)}, whose order the Vector API leaves undefined.
 */
public final class VectorReductions extends VectorFamily implements ReductionKernels {
    /** This family on the given threads. */
    public VectorReductions(Parallel par) {
        super(par);
    }

    /** Scratch to add a vector's lanes in lane order (deterministic in every JIT state, no allocation). */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[2 * L]);
    /** Columns per part of reduceCols: the running sums of a part stay in the L1 cache. */
    private static final int COLS_PER_PART = 4096;

    @Override
    public float reduce(ReduceOp op, int n, float[] x, int xOff) {
        ReductionKernels.Checks.reduce(op, n, x, xOff);
        int chunks = Split.chunks(n);
        float total = ReductionKernels.Checks.identity(op);
        if (!Split.parallel(par, chunks)) {
            for (int c = 0; c < chunks; c++) {
                int s = c * Split.CHUNK;
                total = ReductionKernels.Checks.combine(op, total, range(op, Math.min(Split.CHUNK, n - s), x, xOff + s));
            }
            return total;
        }
        float[] partial = new float[chunks];
        par.forEach(chunks, c -> {
            int s = c * Split.CHUNK;
            partial[c] = range(op, Math.min(Split.CHUNK, n - s), x, xOff + s);
        });
        for (int c = 0; c < chunks; c++) {
            total = ReductionKernels.Checks.combine(op, total, partial[c]);
        }
        return total;
    }

    @Override
    public void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        ReductionKernels.Checks.reduceRows(op, rows, cols, x, xOff, out, outOff);
        int per = Split.rowsPerPart(cols);
        int parts = Split.parts(rows, per);
        if (!Split.parallel(par, parts)) {
            for (int i = 0; i < rows; i++) {
                out[outOff + i] = range(op, cols, x, xOff + i * cols);
            }
            return;
        }
        par.forEach(parts, p -> {
            int end = Math.min(rows, (p + 1) * per);
            for (int i = p * per; i < end; i++) {
                out[outOff + i] = range(op, cols, x, xOff + i * cols);
            }
        });
    }

    @Override
    public void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        ReductionKernels.Checks.reduceCols(op, rows, cols, x, xOff, out, outOff);
        int parts = (cols + COLS_PER_PART - 1) / COLS_PER_PART;
        if (!Split.parallel(par, parts) || (long) rows * cols < 2L * Split.CHUNK) {
            columns(op, rows, cols, x, xOff, out, outOff, 0, cols);
            return;
        }
        par.forEach(parts, p -> columns(op, rows, cols, x, xOff, out, outOff,
                p * COLS_PER_PART, Math.min(cols, (p + 1) * COLS_PER_PART)));
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        ReductionKernels.Checks.dot(n, x, xOff, y, yOff);
        int chunks = Split.chunks(n);
        float total = 0f;
        if (!Split.parallel(par, chunks)) {
            for (int c = 0; c < chunks; c++) {
                int s = c * Split.CHUNK;
                total += dotRange(Math.min(Split.CHUNK, n - s), x, xOff + s, y, yOff + s);
            }
            return total;
        }
        float[] partial = new float[chunks];
        par.forEach(chunks, c -> {
            int s = c * Split.CHUNK;
            partial[c] = dotRange(Math.min(Split.CHUNK, n - s), x, xOff + s, y, yOff + s);
        });
        for (int c = 0; c < chunks; c++) {
            total += partial[c];
        }
        return total;
    }

    @Override
    public float norm2(int n, float[] x, int xOff) {
        ReductionKernels.Checks.norm2(n, x, xOff);
        int chunks = Split.chunks(n);
        float total = 0f;
        if (!Split.parallel(par, chunks)) {
            for (int c = 0; c < chunks; c++) {
                int s = c * Split.CHUNK;
                total += sumSquares(Math.min(Split.CHUNK, n - s), x, xOff + s);
            }
        } else {
            float[] partial = new float[chunks];
            par.forEach(chunks, c -> {
                int s = c * Split.CHUNK;
                partial[c] = sumSquares(Math.min(Split.CHUNK, n - s), x, xOff + s);
            });
            for (int c = 0; c < chunks; c++) {
                total += partial[c];
            }
        }
        return ReductionKernels.Checks.norm2(total, n, x, xOff);
    }

    // ---- one chunk or row: every loop self-contained ---------------------------------------------

    private static float range(ReduceOp op, int n, float[] x, int xo) {
        return switch (op) {
            case SUM -> sum(n, x, xo);
            case SUM_SQUARES -> sumSquares(n, x, xo);
            case MAX -> max(n, x, xo);
            case MIN -> min(n, x, xo);
        };
    }

    private static float sum(int n, float[] x, int xo) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, x, xo + i));
            a1 = a1.add(FloatVector.fromArray(S, x, xo + i + L));
            a2 = a2.add(FloatVector.fromArray(S, x, xo + i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, x, xo + i + 3 * L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            a0 = a0.add(FloatVector.fromArray(S, x, xo + i));
        }
        float s = 0f;
        if (n >= L) {
            FloatVector a = a0.add(a1).add(a2.add(a3));
            float[] lanes = LANES.get();
            a.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                s += lanes[l];
            }
        }
        for (; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    private static float sumSquares(int n, float[] x, int xo) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            FloatVector v0 = FloatVector.fromArray(S, x, xo + i);
            FloatVector v1 = FloatVector.fromArray(S, x, xo + i + L);
            FloatVector v2 = FloatVector.fromArray(S, x, xo + i + 2 * L);
            FloatVector v3 = FloatVector.fromArray(S, x, xo + i + 3 * L);
            a0 = a0.add(v0.mul(v0));
            a1 = a1.add(v1.mul(v1));
            a2 = a2.add(v2.mul(v2));
            a3 = a3.add(v3.mul(v3));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            a0 = a0.add(v.mul(v));
        }
        float s = 0f;
        if (n >= L) {
            FloatVector a = a0.add(a1).add(a2.add(a3));
            float[] lanes = LANES.get();
            a.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                s += lanes[l];
            }
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            s += v * v;
        }
        return s;
    }

    private static float dotRange(int n, float[] x, int xo, float[] y, int yo) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, x, xo + i).mul(FloatVector.fromArray(S, y, yo + i)));
            a1 = a1.add(FloatVector.fromArray(S, x, xo + i + L).mul(FloatVector.fromArray(S, y, yo + i + L)));
            a2 = a2.add(FloatVector.fromArray(S, x, xo + i + 2 * L).mul(FloatVector.fromArray(S, y, yo + i + 2 * L)));
            a3 = a3.add(FloatVector.fromArray(S, x, xo + i + 3 * L).mul(FloatVector.fromArray(S, y, yo + i + 3 * L)));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            a0 = a0.add(FloatVector.fromArray(S, x, xo + i).mul(FloatVector.fromArray(S, y, yo + i)));
        }
        float s = 0f;
        if (n >= L) {
            FloatVector a = a0.add(a1).add(a2.add(a3));
            float[] lanes = LANES.get();
            a.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                s += lanes[l];
            }
        }
        for (; i < n; i++) {
            s += x[xo + i] * y[yo + i];
        }
        return s;
    }

    private static float max(int n, float[] x, int xo) {
        FloatVector a = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            a = a.max(FloatVector.fromArray(S, x, xo + i));
        }
        // MAX is exactly associative and commutative (Math.max semantics), so lane order is free.
        float m = a.reduceLanes(MAX);
        for (; i < n; i++) {
            m = Math.max(m, x[xo + i]);
        }
        return m;
    }

    private static float min(int n, float[] x, int xo) {
        FloatVector a = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            a = a.min(FloatVector.fromArray(S, x, xo + i));
        }
        float m = a.reduceLanes(MIN);
        for (; i < n; i++) {
            m = Math.min(m, x[xo + i]);
        }
        return m;
    }

    // ---- reduceCols: out[j0..j1) = identity, then every row folded in, in row order -------------

    private static void columns(ReduceOp op, int rows, int cols, float[] x, int xo, float[] out, int oo, int j0, int j1) {
        int w = j1 - j0;
        int bound = S.loopBound(w);
        float id = ReductionKernels.Checks.identity(op);
        for (int j = j0; j < j1; j++) {
            out[oo + j] = id;
        }
        for (int r = 0; r < rows; r++) {
            int row = xo + r * cols + j0;
            int o = oo + j0;
            int j = 0;
            switch (op) {
                case SUM -> {
                    for (; j < bound; j += L) {
                        FloatVector.fromArray(S, out, o + j).add(FloatVector.fromArray(S, x, row + j)).intoArray(out, o + j);
                    }
                    for (; j < w; j++) {
                        out[o + j] += x[row + j];
                    }
                }
                case SUM_SQUARES -> {
                    for (; j < bound; j += L) {
                        FloatVector v = FloatVector.fromArray(S, x, row + j);
                        FloatVector.fromArray(S, out, o + j).add(v.mul(v)).intoArray(out, o + j);
                    }
                    for (; j < w; j++) {
                        float v = x[row + j];
                        out[o + j] += v * v;
                    }
                }
                case MAX -> {
                    for (; j < bound; j += L) {
                        FloatVector.fromArray(S, out, o + j).max(FloatVector.fromArray(S, x, row + j)).intoArray(out, o + j);
                    }
                    for (; j < w; j++) {
                        out[o + j] = Math.max(out[o + j], x[row + j]);
                    }
                }
                case MIN -> {
                    for (; j < bound; j += L) {
                        FloatVector.fromArray(S, out, o + j).min(FloatVector.fromArray(S, x, row + j)).intoArray(out, o + j);
                    }
                    for (; j < w; j++) {
                        out[o + j] = Math.min(out[o + j], x[row + j]);
                    }
                }
            }
        }
    }
}
