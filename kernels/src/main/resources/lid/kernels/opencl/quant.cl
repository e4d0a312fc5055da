// Products with quantized weights W [rows, cols] (bit layouts: QuantizedMatrix). data holds the
// format's array as uploaded (float, ushort halves, or bytes), scales the Q8/Q4 block scales.
// Each output is one item summing in index order, like ScalarQuant.

#define F_F32 0
#define F_BF16 1
#define F_F16 2
#define F_Q8 3
#define F_Q4 4

// IEEE half bits to float (exact: every half is a float).
inline float half_bits_to_float(uint h) {
    uint s = (h & 0x8000u) << 16;
    uint e = (h >> 10) & 0x1Fu;
    uint m = h & 0x3FFu;
    if (e == 0) return as_float(as_uint((float) m * 0x1p-24f) | s);
    if (e == 31) return as_float(s | 0x7F800000u | (m << 13));
    return as_float(s | ((e + 112) << 23) | (m << 13));
}

inline float wget(int fmt, __global const uchar* data, __global const float* scales, int cols, int blocks, int r, int c) {
    switch (fmt) {
        case F_F32: return ((__global const float*) data)[r * cols + c];
        case F_BF16: return as_float((uint) ((__global const ushort*) data)[r * cols + c] << 16);
        case F_F16: return half_bits_to_float(((__global const ushort*) data)[r * cols + c]);
        case F_Q8: return scales[r * blocks + c / 32] * (float) ((__global const char*) data)[r * blocks * 32 + c];
        default: {
            int b = c / 32, j = c % 32;
            uint by = data[r * blocks * 16 + b * 16 + (j & 15)];
            int nib = j < 16 ? (int) (by & 0xFu) : (int) ((by >> 4) & 0xFu);
            return scales[r * blocks + b] * (float) (nib - 8);
        }
    }
}

// y[r] = sum_c W[r,c] x[c] + beta y[r].
__kernel void qgemv(int fmt, int rows, int cols, int blocks, __global const uchar* data, __global const float* scales,
                    __global const float* x, int xOff, float beta, __global float* y, int yOff) {
    int r = get_global_id(0);
    if (r >= rows) return;
    float acc = 0.0f;
    for (int c = 0; c < cols; c++) acc += wget(fmt, data, scales, cols, blocks, r, c) * x[xOff + c];
    y[yOff + r] = beta == 0.0f ? acc : acc + beta * y[yOff + r];
}

// transW: Y[m, rows] = X[m, cols] W^T + beta Y; else Y[m, cols] = X[m, rows] W + beta Y.
__kernel void qmatmul(int transW, int m, int fmt, int rows, int cols, int blocks,
                      __global const uchar* data, __global const float* scales,
                      __global const float* x, int xOff, int ldx, float beta, __global float* y, int yOff, int ldy) {
    int n = transW ? rows : cols;
    int k = transW ? cols : rows;
    int j = get_global_id(0), i = get_global_id(1);
    if (j >= n || i >= m) return;
    float acc = 0.0f;
    for (int p = 0; p < k; p++) {
        float wv = transW ? wget(fmt, data, scales, cols, blocks, j, p) : wget(fmt, data, scales, cols, blocks, p, j);
        acc += x[xOff + i * ldx + p] * wv;
    }
    int at = yOff + i * ldy + j;
    y[at] = beta == 0.0f ? acc : acc + beta * y[at];
}
