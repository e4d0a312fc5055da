package lid.kernels;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.MAX;
import static lid.kernels.FastMath.E0;
import static lid.kernels.FastMath.E1;
import static lid.kernels.FastMath.E2;
import static lid.kernels.FastMath.E3;
import static lid.kernels.FastMath.E4;
import static lid.kernels.FastMath.E5;
import static lid.kernels.FastMath.EXP_MAX;
import static lid.kernels.FastMath.EXP_MIN;
import static lid.kernels.FastMath.LN2_HI;
import static lid.kernels.FastMath.LN2_LO;
import static lid.kernels.FastMath.LOG2E;
import static lid.kernels.FastMath.ROUNDER;
import static lid.kernels.FastMath.ROUNDER_BITS;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax, layer norm and group norm on the Vector API. Shapes, layout and formulas as in
 * {@link ScalarNormalization}; every loop is self-contained (no vector crosses a method).
 * Softmax's exp is the {@link FastMath#exp} block written out in the loop (and FastMath.exp
 * in the tail), not the Vector API's EXP, whose bits depend on whether C2 has compiled it.
 *
 * <p>Threads: rows (softmax, layer norm) or (sample, group) segments (group norm) are split
 * over the parts; the gamma / beta gradients, which sum over rows, are split over columns
 * (channels) instead, so each output is summed by one part in a fixed order. A row or
 * segment sum uses one S-lane accumulator, its lanes added in lane order, then the scalar
 * tail: the same order for every thread count. Layer norm's gamma / beta gradients add row
 * by row exactly as the scalar reference does, so they are bit-identical to it.
 */
public final class VectorNormalization extends VectorFamily implements NormalizationKernels {
    /** This family on the given threads. */
    public VectorNormalization(Parallel par) {
        super(par);
    }

    /** Scratch to add a vector's lanes in lane order (deterministic in every JIT state, no allocation). */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[2 * L]);
    /** Columns (channels) per part of the gamma / beta gradient passes. */
    private static final int COLS_PER_PART = 4096;

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        NormalizationKernels.Checks.softmax(rows, cols, x, xOff, out, outOff);
        int per = Split.rowsPerPart(cols);
        int parts = Split.parts(rows, per);
        if (!Split.parallel(par, parts)) {
            for (int i = 0; i < rows; i++) {
                softmaxRow(cols, x, xOff + i * cols, out, outOff + i * cols);
            }
            return;
        }
        par.forEach(parts, p -> {
            int end = Math.min(rows, (p + 1) * per);
            for (int i = p * per; i < end; i++) {
                softmaxRow(cols, x, xOff + i * cols, out, outOff + i * cols);
            }
        });
    }

    @Override
    public void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        NormalizationKernels.Checks.softmaxBackward(rows, cols, y, yOff, gradOut, gOff, gradIn, giOff);
        int per = Split.rowsPerPart(cols);
        int parts = Split.parts(rows, per);
        if (!Split.parallel(par, parts)) {
            for (int i = 0; i < rows; i++) {
                softmaxBackwardRow(cols, y, yOff + i * cols, gradOut, gOff + i * cols, gradIn, giOff + i * cols);
            }
            return;
        }
        par.forEach(parts, p -> {
            int end = Math.min(rows, (p + 1) * per);
            for (int i = p * per; i < end; i++) {
                softmaxBackwardRow(cols, y, yOff + i * cols, gradOut, gOff + i * cols, gradIn, giOff + i * cols);
            }
        });
    }

    @Override
    public void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        NormalizationKernels.Checks.layerNorm(rows, cols, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
        int per = Split.rowsPerPart(cols);
        int parts = Split.parts(rows, per);
        if (!Split.parallel(par, parts)) {
            layerNormRows(0, rows, cols, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
            return;
        }
        par.forEach(parts, p -> layerNormRows(p * per, Math.min(rows, (p + 1) * per), cols, eps,
                x, xOff, gamma, beta, out, outOff, mean, rstd));
    }

    @Override
    public void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        NormalizationKernels.Checks.layerNormBackward(rows, cols, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
        int per = Split.rowsPerPart(cols);
        int parts = Split.parts(rows, per);
        boolean parallel = Split.parallel(par, parts);
        if (!parallel) {
            layerNormBackwardRows(0, rows, cols, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff);
        } else {
            par.forEach(parts, p -> layerNormBackwardRows(p * per, Math.min(rows, (p + 1) * per), cols,
                    x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff));
        }
        if (gradGamma == null && gradBeta == null) {
            return;
        }
        int colParts = (cols + COLS_PER_PART - 1) / COLS_PER_PART;
        if (!parallel || !Split.parallel(par, colParts)) {
            layerNormParamGrads(0, cols, rows, cols, x, xOff, mean, rstd, gradOut, gOff, gradGamma, gradBeta);
            return;
        }
        par.forEach(colParts, p -> layerNormParamGrads(p * COLS_PER_PART, Math.min(cols, (p + 1) * COLS_PER_PART),
                rows, cols, x, xOff, mean, rstd, gradOut, gOff, gradGamma, gradBeta));
    }

    @Override
    public void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        NormalizationKernels.Checks.groupNorm(batch, channels, spatial, groups, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
        int segments = batch * groups;
        int per = Split.rowsPerPart((channels / groups) * spatial);
        int parts = Split.parts(segments, per);
        if (!Split.parallel(par, parts)) {
            groupNormSegments(0, segments, channels, spatial, groups, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
            return;
        }
        par.forEach(parts, p -> groupNormSegments(p * per, Math.min(segments, (p + 1) * per), channels, spatial, groups,
                eps, x, xOff, gamma, beta, out, outOff, mean, rstd));
    }

    @Override
    public void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        NormalizationKernels.Checks.groupNormBackward(batch, channels, spatial, groups, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
        int segments = batch * groups;
        int per = Split.rowsPerPart((channels / groups) * spatial);
        int parts = Split.parts(segments, per);
        if (!Split.parallel(par, parts)) {
            groupNormBackwardSegments(0, segments, channels, spatial, groups, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff);
        } else {
            par.forEach(parts, p -> groupNormBackwardSegments(p * per, Math.min(segments, (p + 1) * per), channels, spatial,
                    groups, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff));
        }
        if (gradGamma == null && gradBeta == null) {
            return;
        }
        int perChannel = Split.rowsPerPart(batch * spatial);
        int channelParts = Split.parts(channels, perChannel);
        if (!Split.parallel(par, channelParts)) {
            groupNormParamGrads(0, channels, batch, channels, spatial, groups, x, xOff, mean, rstd, gradOut, gOff, gradGamma, gradBeta);
            return;
        }
        par.forEach(channelParts, p -> groupNormParamGrads(p * perChannel, Math.min(channels, (p + 1) * perChannel),
                batch, channels, spatial, groups, x, xOff, mean, rstd, gradOut, gOff, gradGamma, gradBeta));
    }

    // ---- softmax ----------------------------------------------------------------------------

    private static void softmaxRow(int n, float[] x, int xo, float[] out, int oo) {
        int bound = S.loopBound(n);
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (; j < bound; j += L) {
            mv = mv.max(FloatVector.fromArray(S, x, xo + j));
        }
        float m = mv.reduceLanes(MAX);
        for (; j < n; j++) {
            m = Math.max(m, x[xo + j]);
        }
        FloatVector acc = FloatVector.zero(S);
        for (j = 0; j < bound; j += L) {
            // e = FastMath.exp(FloatVector.fromArray(S, x, xo + j).sub(m)), lane by lane
            FloatVector t = FloatVector.fromArray(S, x, xo + j).sub(m).max(EXP_MIN).min(EXP_MAX);
            FloatVector t2 = t.mul(LOG2E).add(ROUNDER);
            FloatVector k = t2.sub(ROUNDER);
            FloatVector r = t.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(E5).add(E4).mul(r).add(E3).mul(r).add(E2).mul(r).add(E1).mul(r).add(E0)
                    .mul(r.mul(r)).add(r).add(1f);
            IntVector ki = t2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector h = ki.lanewise(ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(ki.sub(h).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            e.intoArray(out, oo + j);
            acc = acc.add(e);
        }
        float sum = 0f;
        if (bound > 0) {
            float[] lanes = LANES.get();
            acc.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                sum += lanes[l];
            }
        }
        for (; j < n; j++) {
            float e = FastMath.exp(x[xo + j] - m);
            out[oo + j] = e;
            sum += e;
        }
        for (j = 0; j < bound; j += L) {
            FloatVector.fromArray(S, out, oo + j).div(sum).intoArray(out, oo + j);
        }
        for (; j < n; j++) {
            out[oo + j] = out[oo + j] / sum;
        }
    }

    private static void softmaxBackwardRow(int n, float[] y, int yo, float[] g, int go, float[] gi, int gio) {
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j < bound; j += L) {
            acc = acc.add(FloatVector.fromArray(S, g, go + j).mul(FloatVector.fromArray(S, y, yo + j)));
        }
        float dot = 0f;
        if (bound > 0) {
            float[] lanes = LANES.get();
            acc.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                dot += lanes[l];
            }
        }
        for (; j < n; j++) {
            dot += g[go + j] * y[yo + j];
        }
        for (j = 0; j < bound; j += L) {
            FloatVector yv = FloatVector.fromArray(S, y, yo + j);
            yv.mul(FloatVector.fromArray(S, g, go + j).sub(dot)).intoArray(gi, gio + j);
        }
        for (; j < n; j++) {
            gi[gio + j] = y[yo + j] * (g[go + j] - dot);
        }
    }

    // ---- statistics of one contiguous segment -------------------------------------------------

    /** Mean of n floats (0 for n = 0). */
    private static float mean(float[] x, int off, int n) {
        if (n == 0) {
            return 0f;
        }
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j < bound; j += L) {
            acc = acc.add(FloatVector.fromArray(S, x, off + j));
        }
        float s = 0f;
        if (bound > 0) {
            float[] lanes = LANES.get();
            acc.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                s += lanes[l];
            }
        }
        for (; j < n; j++) {
            s += x[off + j];
        }
        return s / n;
    }

    /** Biased variance of n floats around mu (0 for n = 0). */
    private static float variance(float[] x, int off, int n, float mu) {
        if (n == 0) {
            return 0f;
        }
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector d = FloatVector.fromArray(S, x, off + j).sub(mu);
            acc = acc.add(d.mul(d));
        }
        float s = 0f;
        if (bound > 0) {
            float[] lanes = LANES.get();
            acc.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                s += lanes[l];
            }
        }
        for (; j < n; j++) {
            float d = x[off + j] - mu;
            s += d * d;
        }
        return s / n;
    }

    // ---- layer norm ---------------------------------------------------------------------------

    private static void layerNormRows(int i0, int i1, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta,
                                      float[] out, int outOff, float[] mean, float[] rstd) {
        int bound = S.loopBound(cols);
        for (int i = i0; i < i1; i++) {
            int xr = xOff + i * cols;
            int or = outOff + i * cols;
            float mu = mean(x, xr, cols);
            float r = ScalarNormalization.rstd(variance(x, xr, cols, mu), eps);
            mean[i] = mu;
            rstd[i] = r;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector y = FloatVector.fromArray(S, x, xr + j).sub(mu).mul(r);
                if (gamma != null) {
                    y = y.mul(FloatVector.fromArray(S, gamma, j));
                }
                if (beta != null) {
                    y = y.add(FloatVector.fromArray(S, beta, j));
                }
                y.intoArray(out, or + j);
            }
            for (; j < cols; j++) {
                float y = (x[xr + j] - mu) * r;
                if (gamma != null) {
                    y = y * gamma[j];
                }
                if (beta != null) {
                    y = y + beta[j];
                }
                out[or + j] = y;
            }
        }
    }

    private static void layerNormBackwardRows(int i0, int i1, int cols, float[] x, int xOff, float[] gamma,
                                              float[] mean, float[] rstd, float[] g, int gOff, float[] gx, int gxOff) {
        int bound = S.loopBound(cols);
        for (int i = i0; i < i1; i++) {
            int xr = xOff + i * cols;
            int gr = gOff + i * cols;
            int gxr = gxOff + i * cols;
            float mu = mean[i];
            float r = rstd[i];
            FloatVector accD = FloatVector.zero(S);
            FloatVector accDX = accD;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector xhat = FloatVector.fromArray(S, x, xr + j).sub(mu).mul(r);
                FloatVector d = FloatVector.fromArray(S, g, gr + j);
                if (gamma != null) {
                    d = d.mul(FloatVector.fromArray(S, gamma, j));
                }
                accD = accD.add(d);
                accDX = accDX.add(d.mul(xhat));
            }
            float sumD = 0f;
            float sumDX = 0f;
            if (bound > 0) {
                float[] lanes = LANES.get();
                accD.intoArray(lanes, 0);
                accDX.intoArray(lanes, L);
                for (int l = 0; l < L; l++) {
                    sumD += lanes[l];
                    sumDX += lanes[L + l];
                }
            }
            for (; j < cols; j++) {
                float xhat = (x[xr + j] - mu) * r;
                float d = gamma == null ? g[gr + j] : g[gr + j] * gamma[j];
                sumD += d;
                sumDX += d * xhat;
            }
            float a = sumD / cols;
            float b = sumDX / cols;
            for (j = 0; j < bound; j += L) {
                FloatVector xhat = FloatVector.fromArray(S, x, xr + j).sub(mu).mul(r);
                FloatVector d = FloatVector.fromArray(S, g, gr + j);
                if (gamma != null) {
                    d = d.mul(FloatVector.fromArray(S, gamma, j));
                }
                d.sub(a).sub(xhat.mul(b)).mul(r).intoArray(gx, gxr + j);
            }
            for (; j < cols; j++) {
                float xhat = (x[xr + j] - mu) * r;
                float d = gamma == null ? g[gr + j] : g[gr + j] * gamma[j];
                gx[gxr + j] = (d - a - xhat * b) * r;
            }
        }
    }

    /** gradGamma[j] += g * xhat, gradBeta[j] += g for columns [j0, j1), row by row in order. */
    private static void layerNormParamGrads(int j0, int j1, int rows, int cols, float[] x, int xOff,
                                            float[] mean, float[] rstd, float[] g, int gOff,
                                            float[] gradGamma, float[] gradBeta) {
        int bound = j0 + S.loopBound(j1 - j0);
        for (int i = 0; i < rows; i++) {
            int xr = xOff + i * cols;
            int gr = gOff + i * cols;
            float mu = mean[i];
            float r = rstd[i];
            int j = j0;
            for (; j < bound; j += L) {
                FloatVector gv = FloatVector.fromArray(S, g, gr + j);
                if (gradGamma != null) {
                    FloatVector xhat = FloatVector.fromArray(S, x, xr + j).sub(mu).mul(r);
                    FloatVector.fromArray(S, gradGamma, j).add(gv.mul(xhat)).intoArray(gradGamma, j);
                }
                if (gradBeta != null) {
                    FloatVector.fromArray(S, gradBeta, j).add(gv).intoArray(gradBeta, j);
                }
            }
            for (; j < j1; j++) {
                float gs = g[gr + j];
                if (gradGamma != null) {
                    gradGamma[j] += gs * ((x[xr + j] - mu) * r);
                }
                if (gradBeta != null) {
                    gradBeta[j] += gs;
                }
            }
        }
    }

    // ---- group norm: segment q = b * groups + grp covers channels grp*cpg .. (grp+1)*cpg-1 of sample b

    private static void groupNormSegments(int q0, int q1, int channels, int spatial, int groups, float eps,
                                          float[] x, int xOff, float[] gamma, float[] beta,
                                          float[] out, int outOff, float[] mean, float[] rstd) {
        int cpg = channels / groups;
        int len = cpg * spatial;
        int bound = S.loopBound(spatial);
        for (int q = q0; q < q1; q++) {
            int b = q / groups;
            int grp = q % groups;
            int seg = (b * channels + grp * cpg) * spatial;
            float mu = mean(x, xOff + seg, len);
            float r = ScalarNormalization.rstd(variance(x, xOff + seg, len, mu), eps);
            mean[q] = mu;
            rstd[q] = r;
            for (int c = grp * cpg; c < (grp + 1) * cpg; c++) {
                int row = (b * channels + c) * spatial;
                float ga = gamma == null ? 1f : gamma[c];
                float be = beta == null ? 0f : beta[c];
                int s = 0;
                for (; s < bound; s += L) {
                    FloatVector y = FloatVector.fromArray(S, x, xOff + row + s).sub(mu).mul(r);
                    if (gamma != null) {
                        y = y.mul(ga);
                    }
                    if (beta != null) {
                        y = y.add(be);
                    }
                    y.intoArray(out, outOff + row + s);
                }
                for (; s < spatial; s++) {
                    float y = (x[xOff + row + s] - mu) * r;
                    if (gamma != null) {
                        y = y * ga;
                    }
                    if (beta != null) {
                        y = y + be;
                    }
                    out[outOff + row + s] = y;
                }
            }
        }
    }

    private static void groupNormBackwardSegments(int q0, int q1, int channels, int spatial, int groups,
                                                  float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                                                  float[] g, int gOff, float[] gx, int gxOff) {
        int cpg = channels / groups;
        int len = cpg * spatial;
        int bound = S.loopBound(spatial);
        for (int q = q0; q < q1; q++) {
            int b = q / groups;
            int grp = q % groups;
            float mu = mean[q];
            float r = rstd[q];
            FloatVector accD = FloatVector.zero(S);
            FloatVector accDX = accD;
            float tailD = 0f;
            float tailDX = 0f;
            for (int c = grp * cpg; c < (grp + 1) * cpg; c++) {
                int row = (b * channels + c) * spatial;
                float ga = gamma == null ? 1f : gamma[c];
                int s = 0;
                for (; s < bound; s += L) {
                    FloatVector xhat = FloatVector.fromArray(S, x, xOff + row + s).sub(mu).mul(r);
                    FloatVector d = FloatVector.fromArray(S, g, gOff + row + s);
                    if (gamma != null) {
                        d = d.mul(ga);
                    }
                    accD = accD.add(d);
                    accDX = accDX.add(d.mul(xhat));
                }
                for (; s < spatial; s++) {
                    float xhat = (x[xOff + row + s] - mu) * r;
                    float d = gamma == null ? g[gOff + row + s] : g[gOff + row + s] * ga;
                    tailD += d;
                    tailDX += d * xhat;
                }
            }
            float sumD = 0f;
            float sumDX = 0f;
            if (bound > 0) {
                float[] lanes = LANES.get();
                accD.intoArray(lanes, 0);
                accDX.intoArray(lanes, L);
                for (int l = 0; l < L; l++) {
                    sumD += lanes[l];
                    sumDX += lanes[L + l];
                }
            }
            sumD += tailD;
            sumDX += tailDX;
            float a = sumD / len;
            float bb = sumDX / len;
            for (int c = grp * cpg; c < (grp + 1) * cpg; c++) {
                int row = (b * channels + c) * spatial;
                float ga = gamma == null ? 1f : gamma[c];
                int s = 0;
                for (; s < bound; s += L) {
                    FloatVector xhat = FloatVector.fromArray(S, x, xOff + row + s).sub(mu).mul(r);
                    FloatVector d = FloatVector.fromArray(S, g, gOff + row + s);
                    if (gamma != null) {
                        d = d.mul(ga);
                    }
                    d.sub(a).sub(xhat.mul(bb)).mul(r).intoArray(gx, gxOff + row + s);
                }
                for (; s < spatial; s++) {
                    float xhat = (x[xOff + row + s] - mu) * r;
                    float d = gamma == null ? g[gOff + row + s] : g[gOff + row + s] * ga;
                    gx[gxOff + row + s] = (d - a - xhat * bb) * r;
                }
            }
        }
    }

    /** gradGamma[c] += sum over (b, s) of g * xhat, gradBeta[c] += sum of g, for channels [c0, c1). */
    private static void groupNormParamGrads(int c0, int c1, int batch, int channels, int spatial, int groups,
                                            float[] x, int xOff, float[] mean, float[] rstd, float[] g, int gOff,
                                            float[] gradGamma, float[] gradBeta) {
        int cpg = channels / groups;
        int bound = S.loopBound(spatial);
        for (int c = c0; c < c1; c++) {
            FloatVector accG = FloatVector.zero(S);
            FloatVector accB = accG;
            float tailG = 0f;
            float tailB = 0f;
            for (int b = 0; b < batch; b++) {
                int stat = b * groups + c / cpg;
                float mu = mean[stat];
                float r = rstd[stat];
                int row = (b * channels + c) * spatial;
                int s = 0;
                for (; s < bound; s += L) {
                    FloatVector gv = FloatVector.fromArray(S, g, gOff + row + s);
                    FloatVector xhat = FloatVector.fromArray(S, x, xOff + row + s).sub(mu).mul(r);
                    accG = accG.add(gv.mul(xhat));
                    accB = accB.add(gv);
                }
                for (; s < spatial; s++) {
                    float gs = g[gOff + row + s];
                    tailG += gs * ((x[xOff + row + s] - mu) * r);
                    tailB += gs;
                }
            }
            float sumG = 0f;
            float sumB = 0f;
            if (bound > 0) {
                float[] lanes = LANES.get();
                accG.intoArray(lanes, 0);
                accB.intoArray(lanes, L);
                for (int l = 0; l < L; l++) {
                    sumG += lanes[l];
                    sumB += lanes[L + l];
                }
            }
            if (gradGamma != null) {
                gradGamma[c] += sumG + tailG;
            }
            if (gradBeta != null) {
                gradBeta[c] += sumB + tailB;
            }
        }
    }
}
