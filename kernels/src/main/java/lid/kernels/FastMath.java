package lid.kernels;

/**
 * exp, tanh and log in float from +, -, *, / and bit manipulation only (Cephes expf / tanhf /
 * logf), the scalar twins of the polynomial blocks written out inside the Vector API loops.
 *
 * <p>Why: the Vector API's own EXP / LOG / TANH give different bits before and after C2
 * compiles a loop (the interpreter evaluates Math.exp per lane, C2 calls an SVML stub), which
 * would break "bit-identical run to run". Correctly rounded IEEE operations give the same bits
 * in every mode, so a vector lane of a block below equals the twin here bit for bit; the
 * Vector kernels use these twins for their scalar tails, so every element of a call is
 * computed by the same formula. Accuracy: within 2 ulp of (float) Math.exp / tanh / log
 * (FastMathTest; 1 ulp was the worst seen over 44 million floats), IEEE special values as {@link Math} (NaN, +-Inf, log of 0 and of
 * negatives) except that tanh(-0) is +0; exp keeps the subnormal range.
 *
 * <p>Every vector block must evaluate the operations below in exactly this order.
 */
final class FastMath {
    private FastMath() {}

    // exp: x = k ln2 + r, |r| <= ln2 / 2, k = round(x / ln2) by adding 1.5 * 2^23.
    static final float EXP_MIN = -104f;
    static final float EXP_MAX = 89f;
    static final float LOG2E = 1.44269504088896341f;
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = 0x4B40_0000;
    /** ln 2 = LN2_HI - LN2_LO' in two parts; LN2_HI has 9 significant bits, so k * LN2_HI is exact. */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float E0 = 5.0000001201e-1f;
    static final float E1 = 1.6666665459e-1f;
    static final float E2 = 4.1665795894e-2f;
    static final float E3 = 8.3334519073e-3f;
    static final float E4 = 1.3981999507e-3f;
    static final float E5 = 1.9875691500e-4f;

    // tanh: odd polynomial for |x| <= 0.625, (1 - e) / (1 + e) with e = exp(-2|x|) above.
    static final float TANH_SMALL = 0.625f;
    static final float T0 = -3.33332819422e-1f;
    static final float T1 = 1.33314422036e-1f;
    static final float T2 = -5.37397155531e-2f;
    static final float T3 = 2.06390887954e-2f;
    static final float T4 = -5.70498872745e-3f;

    // log: x = m 2^e with m in [sqrt(1/2), sqrt(2)), log(1 + f) = f - f^2/2 + f^3 P(f).
    static final float SQRT_HALF = 0.707106781186547524f;
    static final float L0 = 3.3333331174e-1f;
    static final float L1 = -2.4999993993e-1f;
    static final float L2 = 2.0000714765e-1f;
    static final float L3 = -1.6668057665e-1f;
    static final float L4 = 1.4249322787e-1f;
    static final float L5 = -1.2420140846e-1f;
    static final float L6 = 1.1676998740e-1f;
    static final float L7 = -1.1514610310e-1f;
    static final float L8 = 7.0376836292e-2f;

    static float exp(float x) {
        float t = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float t2 = t * LOG2E + ROUNDER;
        float k = t2 - ROUNDER;
        float r = t - k * LN2_HI - k * LN2_LO;
        float p = (((((r * E5 + E4) * r + E3) * r + E2) * r + E1) * r + E0) * (r * r) + r + 1f;
        // 2^k in two normal factors 2^h and 2^(k-h) (k in [-150, 128]), so subnormals round once.
        int ki = Float.floatToRawIntBits(t2) - ROUNDER_BITS;
        int h = ki >> 1;
        return p * Float.intBitsToFloat((h + 127) << 23) * Float.intBitsToFloat((ki - h + 127) << 23);
    }

    static float tanh(float x) {
        float a = Math.abs(x);
        float e = exp(a * -2f);
        float big = (1f - e) / (1f + e);
        if (x < 0f) {
            big = -big;
        }
        float z = x * x;
        float small = ((((z * T4 + T3) * z + T2) * z + T1) * z + T0) * z * x + x;
        return a > TANH_SMALL ? big : small;
    }

    static float log(float x) {
        float eOff = 0f;
        if (x < Float.MIN_NORMAL) {
            x = x * 0x1p25f;
            eOff = 25f;
        }
        int bits = Float.floatToRawIntBits(x);
        float e = Float.intBitsToFloat((bits >>> 23) + ROUNDER_BITS) - ROUNDER - 126f - eOff;
        float m = Float.intBitsToFloat((bits & 0x007F_FFFF) | 0x3F00_0000);
        if (m < SQRT_HALF) {
            e = e - 1f;
            m = m + m - 1f;
        } else {
            m = m - 1f;
        }
        float z = m * m;
        float y = ((((((((m * L8 + L7) * m + L6) * m + L5) * m + L4) * m + L3) * m + L2) * m + L1) * m + L0) * m * z;
        y = y + e * LN2_LO;
        y = y - 0.5f * z;
        float result = m + y + e * LN2_HI;
        if (x < 0f || Float.isNaN(x)) {
            result = Float.NaN;
        }
        if (x == 0f) {
            result = Float.NEGATIVE_INFINITY;
        }
        if (x == Float.POSITIVE_INFINITY) {
            result = Float.POSITIVE_INFINITY;
        }
        return result;
    }

    /**
     * op(x) as the Vector API kernels compute it: the formulas of
     * {@link ScalarElementwise#apply(UnaryOp, float)} with exp, log and tanh from this class.
     */
    static float unary(UnaryOp op, float x) {
        return switch (op) {
            case EXP -> exp(x);
            case LOG -> log(x);
            case TANH -> tanh(x);
            case SIGMOID -> 1f / (1f + exp(-x));
            case SILU -> x * (1f / (1f + exp(-x)));
            case GELU -> {
                float t = tanh(ScalarElementwise.GELU_K * (x + ScalarElementwise.GELU_C * (x * x * x)));
                yield 0.5f * x * (1f + t);
            }
            default -> ScalarElementwise.apply(op, x);
        };
    }

    /** op'(x) as the Vector API kernels compute it (see {@link #unary}). */
    static float derivative(UnaryOp op, float x) {
        return switch (op) {
            case EXP -> exp(x);
            case TANH -> {
                float t = tanh(x);
                yield 1f - t * t;
            }
            case SIGMOID -> {
                float s = 1f / (1f + exp(-x));
                yield s * (1f - s);
            }
            case SILU -> {
                float s = 1f / (1f + exp(-x));
                yield s * (1f + x * (1f - s));
            }
            case GELU -> {
                float x2 = x * x;
                float t = tanh(ScalarElementwise.GELU_K * (x + ScalarElementwise.GELU_C * (x2 * x)));
                float du = ScalarElementwise.GELU_K * (1f + 3f * ScalarElementwise.GELU_C * x2);
                yield 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * du;
            }
            default -> ScalarElementwise.derivative(op, x);
        };
    }
}
