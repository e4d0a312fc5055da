// Shared definitions of every lid-engine OpenCL kernel: the float semantics of the Java
// reference (no contraction of a*b+c into fma, Java's max/min, FastMath's exp/log/tanh
// polynomials operation for operation) and the op codes of OpCodes.java.
//
// Build options set by ClProgram: -DHAS_FP64 when the device has cl_khr_fp64; GEMM tile sizes
// -DTSM -DTSN -DTSK -DWPTM -DWPTN; -cl-fp32-correctly-rounded-divide-sqrt when supported (then
// / and sqrt round like Java's).

#pragma OPENCL FP_CONTRACT OFF
#ifdef HAS_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

// ---- op codes (must match OpCodes.java) ------------------------------------------------------
#define U_NEG 0
#define U_ABS 1
#define U_SQUARE 2
#define U_RECIPROCAL 3
#define U_EXP 4
#define U_LOG 5
#define U_SQRT 6
#define U_TANH 7
#define U_SIGMOID 8
#define U_RELU 9
#define U_SILU 10
#define U_GELU 11

#define B_ADD 0
#define B_SUB 1
#define B_MUL 2
#define B_DIV 3
#define B_MAX 4
#define B_MIN 5

#define R_SUM 0
#define R_SUM_SQUARES 1
#define R_MAX 2
#define R_MIN 3

// ---- Java's Math.max / Math.min: a NaN operand gives NaN, -0 < +0 ----------------------------
inline float jmax(float a, float b) {
    if (isnan(a) || isnan(b)) return a + b;
    if (a == 0.0f && b == 0.0f) return as_float(as_uint(a) & as_uint(b));
    return a > b ? a : b;
}

inline float jmin(float a, float b) {
    if (isnan(a) || isnan(b)) return a + b;
    if (a == 0.0f && b == 0.0f) return as_float(as_uint(a) | as_uint(b));
    return a < b ? a : b;
}

// Math.signum: +-1, or x itself for +-0 and NaN.
inline float jsignum(float x) {
    return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : x);
}

// ---- FastMath (lid.kernels.FastMath): Cephes expf / tanhf / logf, same operations, same order --
#define EXP_MIN -104.0f
#define EXP_MAX 89.0f
#define LOG2E 1.44269504088896341f
#define ROUNDER 12582912.0f
#define ROUNDER_BITS 0x4B400000
#define LN2_HI 0.693359375f
#define LN2_LO -2.12194440e-4f
#define E0 5.0000001201e-1f
#define E1 1.6666665459e-1f
#define E2 4.1665795894e-2f
#define E3 8.3334519073e-3f
#define E4 1.3981999507e-3f
#define E5 1.9875691500e-4f
#define TANH_SMALL 0.625f
#define T0 -3.33332819422e-1f
#define T1 1.33314422036e-1f
#define T2 -5.37397155531e-2f
#define T3 2.06390887954e-2f
#define T4 -5.70498872745e-3f
#define SQRT_HALF 0.707106781186547524f
#define L0 3.3333331174e-1f
#define L1 -2.4999993993e-1f
#define L2 2.0000714765e-1f
#define L3 -1.6668057665e-1f
#define L4 1.4249322787e-1f
#define L5 -1.2420140846e-1f
#define L6 1.1676998740e-1f
#define L7 -1.1514610310e-1f
#define L8 7.0376836292e-2f
#define GELU_K 0.7978845608028654f
#define GELU_C 0.044715f

inline float fm_exp(float x) {
    float t = jmin(jmax(x, EXP_MIN), EXP_MAX);
    float t2 = t * LOG2E + ROUNDER;
    float k = t2 - ROUNDER;
    float r = t - k * LN2_HI - k * LN2_LO;
    float p = (((((r * E5 + E4) * r + E3) * r + E2) * r + E1) * r + E0) * (r * r) + r + 1.0f;
    int ki = as_int(t2) - ROUNDER_BITS;
    int h = ki >> 1;
    return p * as_float((h + 127) << 23) * as_float((ki - h + 127) << 23);
}

inline float fm_tanh(float x) {
    float a = fabs(x);
    float e = fm_exp(a * -2.0f);
    float big = (1.0f - e) / (1.0f + e);
    if (x < 0.0f) big = -big;
    float z = x * x;
    float small = ((((z * T4 + T3) * z + T2) * z + T1) * z + T0) * z * x + x;
    return a > TANH_SMALL ? big : small;
}

inline float fm_log(float x0) {
    float x = x0;
    float eOff = 0.0f;
    if (x < 0x1p-126f) {
        x = x * 0x1p25f;
        eOff = 25.0f;
    }
    uint bits = as_uint(x);
    float e = as_float((bits >> 23) + ROUNDER_BITS) - ROUNDER - 126.0f - eOff;
    float m = as_float((bits & 0x007FFFFFu) | 0x3F000000u);
    if (m < SQRT_HALF) {
        e = e - 1.0f;
        m = m + m - 1.0f;
    } else {
        m = m - 1.0f;
    }
    float z = m * m;
    float y = ((((((((m * L8 + L7) * m + L6) * m + L5) * m + L4) * m + L3) * m + L2) * m + L1) * m + L0) * m * z;
    y = y + e * LN2_LO;
    y = y - 0.5f * z;
    float result = m + y + e * LN2_HI;
    if (x < 0.0f || isnan(x)) result = NAN;
    if (x == 0.0f) result = -INFINITY;
    if (x == INFINITY) result = INFINITY;
    return result;
}

// op(x) as FastMath.unary computes it.
inline float unary_apply(int op, float x) {
    switch (op) {
        case U_NEG: return -x;
        case U_ABS: return fabs(x);
        case U_SQUARE: return x * x;
        case U_RECIPROCAL: return 1.0f / x;
        case U_EXP: return fm_exp(x);
        case U_LOG: return fm_log(x);
        case U_SQRT: return sqrt(x);
        case U_TANH: return fm_tanh(x);
        case U_SIGMOID: return 1.0f / (1.0f + fm_exp(-x));
        case U_RELU: return jmax(x, 0.0f);
        case U_SILU: return x * (1.0f / (1.0f + fm_exp(-x)));
        case U_GELU: {
            float t = fm_tanh(GELU_K * (x + GELU_C * (x * x * x)));
            return 0.5f * x * (1.0f + t);
        }
        default: return NAN;
    }
}

// op'(x) as FastMath.derivative computes it.
inline float unary_derivative(int op, float x) {
    switch (op) {
        case U_NEG: return -1.0f;
        case U_ABS: return jsignum(x);
        case U_SQUARE: return 2.0f * x;
        case U_RECIPROCAL: { float r = 1.0f / x; return -(r * r); }
        case U_EXP: return fm_exp(x);
        case U_LOG: return 1.0f / x;
        case U_SQRT: return 0.5f / sqrt(x);
        case U_TANH: { float t = fm_tanh(x); return 1.0f - t * t; }
        case U_SIGMOID: { float s = 1.0f / (1.0f + fm_exp(-x)); return s * (1.0f - s); }
        case U_RELU: return x > 0.0f ? 1.0f : 0.0f;
        case U_SILU: { float s = 1.0f / (1.0f + fm_exp(-x)); return s * (1.0f + x * (1.0f - s)); }
        case U_GELU: {
            float x2 = x * x;
            float t = fm_tanh(GELU_K * (x + GELU_C * (x2 * x)));
            float du = GELU_K * (1.0f + 3.0f * GELU_C * x2);
            return 0.5f * (1.0f + t) + 0.5f * x * (1.0f - t * t) * du;
        }
        default: return NAN;
    }
}

inline float binary_apply(int op, float a, float b) {
    switch (op) {
        case B_ADD: return a + b;
        case B_SUB: return a - b;
        case B_MUL: return a * b;
        case B_DIV: return a / b;
        case B_MAX: return jmax(a, b);
        case B_MIN: return jmin(a, b);
        default: return NAN;
    }
}

// ---- reductions: identity and fold, and a work-group tree over local memory ------------------
inline float reduce_identity(int op) {
    return op == R_MAX ? -INFINITY : (op == R_MIN ? INFINITY : 0.0f);
}

inline float reduce_combine(int op, float acc, float v) {
    return op == R_MAX ? jmax(acc, v) : (op == R_MIN ? jmin(acc, v) : acc + v);
}

// Folds every work item's value into scratch[0] and returns it to all items.
// The work-group size must be a power of two (OpenClKernels picks one).
inline float group_reduce(int op, float v, __local float* scratch) {
    int lid = get_local_id(0);
    int size = get_local_size(0);
    scratch[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = size >> 1; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] = reduce_combine(op, scratch[lid], scratch[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    float r = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}
