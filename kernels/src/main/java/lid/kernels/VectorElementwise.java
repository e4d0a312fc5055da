package lid.kernels;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static lid.kernels.FastMath.E0;
import static lid.kernels.FastMath.E1;
import static lid.kernels.FastMath.E2;
import static lid.kernels.FastMath.E3;
import static lid.kernels.FastMath.E4;
import static lid.kernels.FastMath.E5;
import static lid.kernels.FastMath.EXP_MAX;
import static lid.kernels.FastMath.EXP_MIN;
import static lid.kernels.FastMath.L0;
import static lid.kernels.FastMath.L1;
import static lid.kernels.FastMath.L2;
import static lid.kernels.FastMath.L3;
import static lid.kernels.FastMath.L4;
import static lid.kernels.FastMath.L5;
import static lid.kernels.FastMath.L6;
import static lid.kernels.FastMath.L7;
import static lid.kernels.FastMath.L8;
import static lid.kernels.FastMath.LN2_HI;
import static lid.kernels.FastMath.LN2_LO;
import static lid.kernels.FastMath.LOG2E;
import static lid.kernels.FastMath.ROUNDER;
import static lid.kernels.FastMath.ROUNDER_BITS;
import static lid.kernels.FastMath.SQRT_HALF;
import static lid.kernels.FastMath.T0;
import static lid.kernels.FastMath.T1;
import static lid.kernels.FastMath.T2;
import static lid.kernels.FastMath.T3;
import static lid.kernels.FastMath.T4;
import static lid.kernels.FastMath.TANH_SMALL;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise kernels on the Vector API. Shapes and layout as in {@link ScalarElementwise}:
 * vectors are n contiguous floats, broadcast matrices [rows,cols] row-major with row stride
 * cols; out may be x or y at the same offset.
 *
 * <p>Each op has its own self-contained loop (S lanes up to {@code S.loopBound}, then a scalar
 * tail); no vector ever crosses a method boundary. The lane formulas are the scalar ones,
 * operation for operation, except that exp, log and tanh are the polynomial blocks of
 * {@link FastMath} written out in each loop (within 1-2 ulp of {@link Math}), not the Vector
 * API's EXP / LOG / TANH, whose bits change when C2 compiles the loop. Lanes and the scalar
 * tail (through {@link FastMath#unary} / {@link FastMath#derivative}) compute the same bits,
 * so results depend neither on the JIT state nor on where an element falls. Calls with more
 * than {@link Split#CHUNK} elements are cut into fixed CHUNK-sized parts for the threads.
 */
public final class VectorElementwise extends VectorFamily implements ElementwiseKernels {
    /** This family on the given threads. */
    public VectorElementwise(Parallel par) {
        super(par);
    }

    @Override
    public void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.unary(op, n, x, xOff, out, outOff);
        int chunks = Split.chunks(n);
        if (!Split.parallel(par, chunks)) {
            unaryRange(op, n, x, xOff, out, outOff);
            return;
        }
        par.forEach(chunks, p -> {
            int s = p * Split.CHUNK;
            unaryRange(op, Math.min(Split.CHUNK, n - s), x, xOff + s, out, outOff + s);
        });
    }

    @Override
    public void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        ElementwiseKernels.Checks.unaryBackward(op, n, x, xOff, gradOut, gOff, gradIn, giOff);
        int chunks = Split.chunks(n);
        if (!Split.parallel(par, chunks)) {
            backwardRange(op, n, x, xOff, gradOut, gOff, gradIn, giOff);
            return;
        }
        par.forEach(chunks, p -> {
            int s = p * Split.CHUNK;
            backwardRange(op, Math.min(Split.CHUNK, n - s), x, xOff + s, gradOut, gOff + s, gradIn, giOff + s);
        });
    }

    @Override
    public void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.binary(op, n, x, xOff, y, yOff, out, outOff);
        int chunks = Split.chunks(n);
        if (!Split.parallel(par, chunks)) {
            binaryRange(op, n, x, xOff, y, yOff, out, outOff);
            return;
        }
        par.forEach(chunks, p -> {
            int s = p * Split.CHUNK;
            binaryRange(op, Math.min(Split.CHUNK, n - s), x, xOff + s, y, yOff + s, out, outOff + s);
        });
    }

    /** out[i,j] = x[i,j] op v[j]; rows split over the threads. */
    @Override
    public void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.broadcast(op, rows, cols, x, xOff, v, vOff, cols, out, outOff);
        int per = Split.rowsPerPart(cols);
        int parts = Split.parts(rows, per);
        if (!Split.parallel(par, parts)) {
            for (int i = 0; i < rows; i++) {
                binaryRange(op, cols, x, xOff + i * cols, v, vOff, out, outOff + i * cols);
            }
            return;
        }
        par.forEach(parts, p -> {
            int end = Math.min(rows, (p + 1) * per);
            for (int i = p * per; i < end; i++) {
                binaryRange(op, cols, x, xOff + i * cols, v, vOff, out, outOff + i * cols);
            }
        });
    }

    /** out[i,j] = x[i,j] op v[i]; rows split over the threads. */
    @Override
    public void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.broadcast(op, rows, cols, x, xOff, v, vOff, rows, out, outOff);
        int per = Split.rowsPerPart(cols);
        int parts = Split.parts(rows, per);
        if (!Split.parallel(par, parts)) {
            for (int i = 0; i < rows; i++) {
                scalarRange(op, cols, x, xOff + i * cols, v[vOff + i], out, outOff + i * cols);
            }
            return;
        }
        par.forEach(parts, p -> {
            int end = Math.min(rows, (p + 1) * per);
            for (int i = p * per; i < end; i++) {
                scalarRange(op, cols, x, xOff + i * cols, v[vOff + i], out, outOff + i * cols);
            }
        });
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        ElementwiseKernels.Checks.axpy(n, x, xOff, y, yOff);
        int chunks = Split.chunks(n);
        if (!Split.parallel(par, chunks)) {
            axpyRange(n, alpha, x, xOff, y, yOff);
            return;
        }
        par.forEach(chunks, p -> {
            int s = p * Split.CHUNK;
            axpyRange(Math.min(Split.CHUNK, n - s), alpha, x, xOff + s, y, yOff + s);
        });
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.scale(n, x, xOff, out, outOff);
        int chunks = Split.chunks(n);
        if (!Split.parallel(par, chunks)) {
            scaleRange(n, alpha, x, xOff, out, outOff);
            return;
        }
        par.forEach(chunks, p -> {
            int s = p * Split.CHUNK;
            scaleRange(Math.min(Split.CHUNK, n - s), alpha, x, xOff + s, out, outOff + s);
        });
    }

    @Override
    public void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.clamp(n, lo, hi, x, xOff, out, outOff);
        int chunks = Split.chunks(n);
        if (!Split.parallel(par, chunks)) {
            clampRange(n, lo, hi, x, xOff, out, outOff);
            return;
        }
        par.forEach(chunks, p -> {
            int s = p * Split.CHUNK;
            clampRange(Math.min(Split.CHUNK, n - s), lo, hi, x, xOff + s, out, outOff + s);
        });
    }

    @Override
    public void fill(int n, float value, float[] out, int outOff) {
        ElementwiseKernels.Checks.fill(n, out, outOff);
        int chunks = Split.chunks(n);
        if (!Split.parallel(par, chunks)) {
            Arrays.fill(out, outOff, outOff + n, value);
            return;
        }
        par.forEach(chunks, p -> {
            int s = outOff + p * Split.CHUNK;
            Arrays.fill(out, s, s + Math.min(Split.CHUNK, n - p * Split.CHUNK), value);
        });
    }

    // ---- unary forward ------------------------------------------------------------------------

    private static void unaryRange(UnaryOp op, int n, float[] x, int xo, float[] out, int oo) {
        switch (op) {
            case NEG -> neg(n, x, xo, out, oo);
            case ABS -> abs(n, x, xo, out, oo);
            case SQUARE -> square(n, x, xo, out, oo);
            case RECIPROCAL -> reciprocal(n, x, xo, out, oo);
            case EXP -> exp(n, x, xo, out, oo);
            case LOG -> log(n, x, xo, out, oo);
            case SQRT -> sqrt(n, x, xo, out, oo);
            case TANH -> tanh(n, x, xo, out, oo);
            case SIGMOID -> sigmoid(n, x, xo, out, oo);
            case RELU -> relu(n, x, xo, out, oo);
            case SILU -> silu(n, x, xo, out, oo);
            case GELU -> gelu(n, x, xo, out, oo);
        }
    }

    private static void neg(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).neg().intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarElementwise.apply(UnaryOp.NEG, x[xo + i]);
        }
    }

    private static void abs(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).abs().intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarElementwise.apply(UnaryOp.ABS, x[xo + i]);
        }
    }

    private static void square(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            v.mul(v).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarElementwise.apply(UnaryOp.SQUARE, x[xo + i]);
        }
    }

    private static void reciprocal(int n, float[] x, int xo, float[] out, int oo) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            one.div(FloatVector.fromArray(S, x, xo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarElementwise.apply(UnaryOp.RECIPROCAL, x[xo + i]);
        }
    }

    private static void sqrt(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).sqrt().intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarElementwise.apply(UnaryOp.SQRT, x[xo + i]);
        }
    }

    private static void relu(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).max(0f).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarElementwise.apply(UnaryOp.RELU, x[xo + i]);
        }
    }

    // ---- unary backward: gradIn = gradOut * op'(x) ----------------------------------------------

    private static void backwardRange(UnaryOp op, int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        switch (op) {
            case NEG -> dNeg(n, g, go, gi, gio);
            case ABS -> dAbs(n, x, xo, g, go, gi, gio);
            case SQUARE -> dSquare(n, x, xo, g, go, gi, gio);
            case RECIPROCAL -> dReciprocal(n, x, xo, g, go, gi, gio);
            case EXP -> dExp(n, x, xo, g, go, gi, gio);
            case LOG -> dLog(n, x, xo, g, go, gi, gio);
            case SQRT -> dSqrt(n, x, xo, g, go, gi, gio);
            case TANH -> dTanh(n, x, xo, g, go, gi, gio);
            case SIGMOID -> dSigmoid(n, x, xo, g, go, gi, gio);
            case RELU -> dRelu(n, x, xo, g, go, gi, gio);
            case SILU -> dSilu(n, x, xo, g, go, gi, gio);
            case GELU -> dGelu(n, x, xo, g, go, gi, gio);
        }
    }

    private static void dNeg(int n, float[] g, int go, float[] gi, int gio) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, g, go + i).mul(-1f).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * -1f;
        }
    }

    private static void dAbs(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // Math.signum: +-1 off zero; +-0 and NaN pass through (signum(-0) = -0)
            FloatVector d = v.blend(1f, v.compare(GT, 0f)).blend(-1f, v.compare(LT, 0f));
            FloatVector.fromArray(S, g, go + i).mul(d).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * ScalarElementwise.derivative(UnaryOp.ABS, x[xo + i]);
        }
    }

    private static void dSquare(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, x, xo + i).mul(2f);
            FloatVector.fromArray(S, g, go + i).mul(d).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * ScalarElementwise.derivative(UnaryOp.SQUARE, x[xo + i]);
        }
    }

    private static void dReciprocal(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector r = one.div(FloatVector.fromArray(S, x, xo + i));
            FloatVector.fromArray(S, g, go + i).mul(r.mul(r).neg()).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * ScalarElementwise.derivative(UnaryOp.RECIPROCAL, x[xo + i]);
        }
    }

    private static void dLog(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector d = one.div(FloatVector.fromArray(S, x, xo + i));
            FloatVector.fromArray(S, g, go + i).mul(d).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * ScalarElementwise.derivative(UnaryOp.LOG, x[xo + i]);
        }
    }

    private static void dSqrt(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        FloatVector half = FloatVector.broadcast(S, 0.5f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector d = half.div(FloatVector.fromArray(S, x, xo + i).sqrt());
            FloatVector.fromArray(S, g, go + i).mul(d).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * ScalarElementwise.derivative(UnaryOp.SQRT, x[xo + i]);
        }
    }

    private static void dRelu(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, xo + i).compare(GT, 0f);
            FloatVector.fromArray(S, g, go + i).mul(zero.blend(1f, positive)).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * ScalarElementwise.derivative(UnaryOp.RELU, x[xo + i]);
        }
    }

    // ---- exp, log, tanh and what is built on them: FastMath blocks written out per loop ----

    private static void exp(int n, float[] x, int xo, float[] out, int oo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // e = FastMath.exp(v), lane by lane
            FloatVector t = v.max(EXP_MIN).min(EXP_MAX);
            FloatVector t2 = t.mul(LOG2E).add(ROUNDER);
            FloatVector k = t2.sub(ROUNDER);
            FloatVector r = t.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(E5).add(E4).mul(r).add(E3).mul(r).add(E2).mul(r).add(E1).mul(r).add(E0)
                    .mul(r.mul(r)).add(r).add(1f);
            IntVector ki = t2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector h = ki.lanewise(ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(ki.sub(h).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            e.intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = FastMath.unary(UnaryOp.EXP, x[xo + i]);
        }
    }

    private static void log(int n, float[] x, int xo, float[] out, int oo) {
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // r = FastMath.log(v), lane by lane
            VectorMask<Float> subnormal = v.compare(LT, Float.MIN_NORMAL);
            IntVector bits = v.blend(v.mul(0x1p25f), subnormal).viewAsIntegralLanes();
            FloatVector e = bits.lanewise(LSHR, 23).add(ROUNDER_BITS).viewAsFloatingLanes().sub(ROUNDER).sub(126f)
                    .sub(zero.blend(25f, subnormal));
            FloatVector m = bits.and(0x007F_FFFF).or(0x3F00_0000).viewAsFloatingLanes();
            VectorMask<Float> low = m.compare(LT, SQRT_HALF);
            e = e.blend(e.sub(1f), low);
            m = m.sub(1f).blend(m.add(m).sub(1f), low);
            FloatVector z = m.mul(m);
            FloatVector y = m.mul(L8).add(L7).mul(m).add(L6).mul(m).add(L5).mul(m).add(L4).mul(m).add(L3).mul(m).add(L2)
                    .mul(m).add(L1).mul(m).add(L0).mul(m).mul(z);
            y = y.add(e.mul(LN2_LO));
            y = y.sub(z.mul(0.5f));
            FloatVector r = m.add(y).add(e.mul(LN2_HI))
                    .blend(Float.NaN, v.compare(LT, 0f).or(v.test(IS_NAN)))
                    .blend(Float.NEGATIVE_INFINITY, v.compare(EQ, 0f))
                    .blend(Float.POSITIVE_INFINITY, v.compare(EQ, Float.POSITIVE_INFINITY));
            r.intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = FastMath.unary(UnaryOp.LOG, x[xo + i]);
        }
    }

    private static void tanh(int n, float[] x, int xo, float[] out, int oo) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // t = FastMath.tanh(v), lane by lane
            FloatVector a = v.abs();
            // e = FastMath.exp(a.mul(-2f)), lane by lane
            FloatVector xt = a.mul(-2f).max(EXP_MIN).min(EXP_MAX);
            FloatVector xt2 = xt.mul(LOG2E).add(ROUNDER);
            FloatVector xk = xt2.sub(ROUNDER);
            FloatVector xr = xt.sub(xk.mul(LN2_HI)).sub(xk.mul(LN2_LO));
            FloatVector xp = xr.mul(E5).add(E4).mul(xr).add(E3).mul(xr).add(E2).mul(xr).add(E1).mul(xr).add(E0)
                    .mul(xr.mul(xr)).add(xr).add(1f);
            IntVector xki = xt2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector xh = xki.lanewise(ASHR, 1);
            FloatVector e = xp.mul(xh.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(xki.sub(xh).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            FloatVector big = one.sub(e).div(one.add(e));
            big = big.blend(big.neg(), v.compare(LT, 0f));
            FloatVector z = v.mul(v);
            FloatVector small = z.mul(T4).add(T3).mul(z).add(T2).mul(z).add(T1).mul(z).add(T0)
                    .mul(z).mul(v).add(v);
            FloatVector t = small.blend(big, a.compare(GT, TANH_SMALL));
            t.intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = FastMath.unary(UnaryOp.TANH, x[xo + i]);
        }
    }

    private static void sigmoid(int n, float[] x, int xo, float[] out, int oo) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // e = FastMath.exp(v.neg()), lane by lane
            FloatVector t = v.neg().max(EXP_MIN).min(EXP_MAX);
            FloatVector t2 = t.mul(LOG2E).add(ROUNDER);
            FloatVector k = t2.sub(ROUNDER);
            FloatVector r = t.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(E5).add(E4).mul(r).add(E3).mul(r).add(E2).mul(r).add(E1).mul(r).add(E0)
                    .mul(r.mul(r)).add(r).add(1f);
            IntVector ki = t2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector h = ki.lanewise(ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(ki.sub(h).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            one.div(e.add(1f)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = FastMath.unary(UnaryOp.SIGMOID, x[xo + i]);
        }
    }

    private static void silu(int n, float[] x, int xo, float[] out, int oo) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // e = FastMath.exp(v.neg()), lane by lane
            FloatVector t = v.neg().max(EXP_MIN).min(EXP_MAX);
            FloatVector t2 = t.mul(LOG2E).add(ROUNDER);
            FloatVector k = t2.sub(ROUNDER);
            FloatVector r = t.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(E5).add(E4).mul(r).add(E3).mul(r).add(E2).mul(r).add(E1).mul(r).add(E0)
                    .mul(r.mul(r)).add(r).add(1f);
            IntVector ki = t2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector h = ki.lanewise(ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(ki.sub(h).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            v.mul(one.div(e.add(1f))).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = FastMath.unary(UnaryOp.SILU, x[xo + i]);
        }
    }

    private static void gelu(int n, float[] x, int xo, float[] out, int oo) {
        final float k = ScalarElementwise.GELU_K;
        final float c = ScalarElementwise.GELU_C;
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector u = v.mul(v).mul(v).mul(c).add(v).mul(k);
            // t = FastMath.tanh(u), lane by lane
            FloatVector a = u.abs();
            // e = FastMath.exp(a.mul(-2f)), lane by lane
            FloatVector xt = a.mul(-2f).max(EXP_MIN).min(EXP_MAX);
            FloatVector xt2 = xt.mul(LOG2E).add(ROUNDER);
            FloatVector xk = xt2.sub(ROUNDER);
            FloatVector xr = xt.sub(xk.mul(LN2_HI)).sub(xk.mul(LN2_LO));
            FloatVector xp = xr.mul(E5).add(E4).mul(xr).add(E3).mul(xr).add(E2).mul(xr).add(E1).mul(xr).add(E0)
                    .mul(xr.mul(xr)).add(xr).add(1f);
            IntVector xki = xt2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector xh = xki.lanewise(ASHR, 1);
            FloatVector e = xp.mul(xh.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(xki.sub(xh).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            FloatVector big = one.sub(e).div(one.add(e));
            big = big.blend(big.neg(), u.compare(LT, 0f));
            FloatVector z = u.mul(u);
            FloatVector small = z.mul(T4).add(T3).mul(z).add(T2).mul(z).add(T1).mul(z).add(T0)
                    .mul(z).mul(u).add(u);
            FloatVector t = small.blend(big, a.compare(GT, TANH_SMALL));
            v.mul(0.5f).mul(t.add(1f)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = FastMath.unary(UnaryOp.GELU, x[xo + i]);
        }
    }

    private static void dExp(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // e = FastMath.exp(v), lane by lane
            FloatVector t = v.max(EXP_MIN).min(EXP_MAX);
            FloatVector t2 = t.mul(LOG2E).add(ROUNDER);
            FloatVector k = t2.sub(ROUNDER);
            FloatVector r = t.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(E5).add(E4).mul(r).add(E3).mul(r).add(E2).mul(r).add(E1).mul(r).add(E0)
                    .mul(r.mul(r)).add(r).add(1f);
            IntVector ki = t2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector h = ki.lanewise(ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(ki.sub(h).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            FloatVector.fromArray(S, g, go + i).mul(e).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * FastMath.derivative(UnaryOp.EXP, x[xo + i]);
        }
    }

    private static void dTanh(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // t = FastMath.tanh(v), lane by lane
            FloatVector a = v.abs();
            // e = FastMath.exp(a.mul(-2f)), lane by lane
            FloatVector xt = a.mul(-2f).max(EXP_MIN).min(EXP_MAX);
            FloatVector xt2 = xt.mul(LOG2E).add(ROUNDER);
            FloatVector xk = xt2.sub(ROUNDER);
            FloatVector xr = xt.sub(xk.mul(LN2_HI)).sub(xk.mul(LN2_LO));
            FloatVector xp = xr.mul(E5).add(E4).mul(xr).add(E3).mul(xr).add(E2).mul(xr).add(E1).mul(xr).add(E0)
                    .mul(xr.mul(xr)).add(xr).add(1f);
            IntVector xki = xt2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector xh = xki.lanewise(ASHR, 1);
            FloatVector e = xp.mul(xh.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(xki.sub(xh).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            FloatVector big = one.sub(e).div(one.add(e));
            big = big.blend(big.neg(), v.compare(LT, 0f));
            FloatVector z = v.mul(v);
            FloatVector small = z.mul(T4).add(T3).mul(z).add(T2).mul(z).add(T1).mul(z).add(T0)
                    .mul(z).mul(v).add(v);
            FloatVector t = small.blend(big, a.compare(GT, TANH_SMALL));
            FloatVector.fromArray(S, g, go + i).mul(one.sub(t.mul(t))).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * FastMath.derivative(UnaryOp.TANH, x[xo + i]);
        }
    }

    private static void dSigmoid(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // e = FastMath.exp(v.neg()), lane by lane
            FloatVector t = v.neg().max(EXP_MIN).min(EXP_MAX);
            FloatVector t2 = t.mul(LOG2E).add(ROUNDER);
            FloatVector k = t2.sub(ROUNDER);
            FloatVector r = t.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(E5).add(E4).mul(r).add(E3).mul(r).add(E2).mul(r).add(E1).mul(r).add(E0)
                    .mul(r.mul(r)).add(r).add(1f);
            IntVector ki = t2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector h = ki.lanewise(ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(ki.sub(h).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            FloatVector s = one.div(e.add(1f));
            FloatVector.fromArray(S, g, go + i).mul(s.mul(one.sub(s))).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * FastMath.derivative(UnaryOp.SIGMOID, x[xo + i]);
        }
    }

    private static void dSilu(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            // e = FastMath.exp(v.neg()), lane by lane
            FloatVector t = v.neg().max(EXP_MIN).min(EXP_MAX);
            FloatVector t2 = t.mul(LOG2E).add(ROUNDER);
            FloatVector k = t2.sub(ROUNDER);
            FloatVector r = t.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            FloatVector p = r.mul(E5).add(E4).mul(r).add(E3).mul(r).add(E2).mul(r).add(E1).mul(r).add(E0)
                    .mul(r.mul(r)).add(r).add(1f);
            IntVector ki = t2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector h = ki.lanewise(ASHR, 1);
            FloatVector e = p.mul(h.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(ki.sub(h).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            FloatVector s = one.div(e.add(1f));
            FloatVector.fromArray(S, g, go + i).mul(s.mul(v.mul(one.sub(s)).add(1f))).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * FastMath.derivative(UnaryOp.SILU, x[xo + i]);
        }
    }

    private static void dGelu(int n, float[] x, int xo, float[] g, int go, float[] gi, int gio) {
        final float k = ScalarElementwise.GELU_K;
        final float c = ScalarElementwise.GELU_C;
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xo + i);
            FloatVector x2 = v.mul(v);
            FloatVector u = x2.mul(v).mul(c).add(v).mul(k);
            // t = FastMath.tanh(u), lane by lane
            FloatVector a = u.abs();
            // e = FastMath.exp(a.mul(-2f)), lane by lane
            FloatVector xt = a.mul(-2f).max(EXP_MIN).min(EXP_MAX);
            FloatVector xt2 = xt.mul(LOG2E).add(ROUNDER);
            FloatVector xk = xt2.sub(ROUNDER);
            FloatVector xr = xt.sub(xk.mul(LN2_HI)).sub(xk.mul(LN2_LO));
            FloatVector xp = xr.mul(E5).add(E4).mul(xr).add(E3).mul(xr).add(E2).mul(xr).add(E1).mul(xr).add(E0)
                    .mul(xr.mul(xr)).add(xr).add(1f);
            IntVector xki = xt2.viewAsIntegralLanes().sub(ROUNDER_BITS);
            IntVector xh = xki.lanewise(ASHR, 1);
            FloatVector e = xp.mul(xh.add(127).lanewise(LSHL, 23).viewAsFloatingLanes())
                    .mul(xki.sub(xh).add(127).lanewise(LSHL, 23).viewAsFloatingLanes());
            FloatVector big = one.sub(e).div(one.add(e));
            big = big.blend(big.neg(), u.compare(LT, 0f));
            FloatVector z = u.mul(u);
            FloatVector small = z.mul(T4).add(T3).mul(z).add(T2).mul(z).add(T1).mul(z).add(T0)
                    .mul(z).mul(u).add(u);
            FloatVector t = small.blend(big, a.compare(GT, TANH_SMALL));
            FloatVector du = x2.mul(3f * c).add(1f).mul(k);
            FloatVector.fromArray(S, g, go + i).mul(t.add(1f).mul(0.5f).add(v.mul(0.5f).mul(one.sub(t.mul(t))).mul(du))).intoArray(gi, gio + i);
        }
        for (; i < n; i++) {
            gi[gio + i] = g[go + i] * FastMath.derivative(UnaryOp.GELU, x[xo + i]);
        }
    }

    // ---- binary -----------------------------------------------------------------------------

    /** out[i] = x[i] op y[i] for i < n; one loop per op so each lanewise op is a constant. */
    private static void binaryRange(BinaryOp op, int n, float[] x, int xo, float[] y, int yo, float[] out, int oo) {
        int i = 0;
        int bound = S.loopBound(n);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).sub(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).mul(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).div(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
                }
            }
            case MAX -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).max(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
                }
            }
            case MIN -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).min(FloatVector.fromArray(S, y, yo + i)).intoArray(out, oo + i);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarElementwise.apply(op, x[xo + i], y[yo + i]);
        }
    }

    /** out[i] = x[i] op s for i < n. */
    private static void scalarRange(BinaryOp op, int n, float[] x, int xo, float s, float[] out, int oo) {
        int i = 0;
        int bound = S.loopBound(n);
        switch (op) {
            case ADD -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).add(s).intoArray(out, oo + i);
                }
            }
            case SUB -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).sub(s).intoArray(out, oo + i);
                }
            }
            case MUL -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).mul(s).intoArray(out, oo + i);
                }
            }
            case DIV -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).div(s).intoArray(out, oo + i);
                }
            }
            case MAX -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).max(s).intoArray(out, oo + i);
                }
            }
            case MIN -> {
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, x, xo + i).min(s).intoArray(out, oo + i);
                }
            }
        }
        for (; i < n; i++) {
            out[oo + i] = ScalarElementwise.apply(op, x[xo + i], s);
        }
    }

    // ---- axpy, scale, clamp -----------------------------------------------------------------

    private static void axpyRange(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            // mul then add (no fma): the same two roundings as the scalar y + alpha * x.
            FloatVector.fromArray(S, y, yo + i).add(FloatVector.fromArray(S, x, xo + i).mul(alpha)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    private static void scaleRange(int n, float alpha, float[] x, int xo, float[] out, int oo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).mul(alpha).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = alpha * x[xo + i];
        }
    }

    private static void clampRange(int n, float lo, float hi, float[] x, int xo, float[] out, int oo) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).max(lo).min(hi).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = Math.min(Math.max(x[xo + i], lo), hi);
        }
    }
}
