// Elementwise kernels, one work item per element; vectors are n contiguous floats from their
// offsets; out may alias an input at the same offset (each item reads before it writes).
// binaryRows / binaryCols: x, out [rows,cols] row-major; v [cols] (rows) or [rows] (cols).

__kernel void unary(int op, int n, __global const float* x, int xOff, __global float* out, int outOff) {
    int i = get_global_id(0);
    if (i < n) out[outOff + i] = unary_apply(op, x[xOff + i]);
}

__kernel void unary_backward(int op, int n, __global const float* x, int xOff, __global const float* g, int gOff,
                             __global float* gi, int giOff) {
    int i = get_global_id(0);
    if (i < n) gi[giOff + i] = g[gOff + i] * unary_derivative(op, x[xOff + i]);
}

__kernel void binary(int op, int n, __global const float* x, int xOff, __global const float* y, int yOff,
                     __global float* out, int outOff) {
    int i = get_global_id(0);
    if (i < n) out[outOff + i] = binary_apply(op, x[xOff + i], y[yOff + i]);
}

// rowsMode = 1: v indexed by column (binaryRows); 0: by row (binaryCols).
__kernel void binary_broadcast(int op, int rowsMode, int rows, int cols, __global const float* x, int xOff,
                               __global const float* v, int vOff, __global float* out, int outOff) {
    int e = get_global_id(0);
    if (e >= rows * cols) return;
    int vi = rowsMode ? e % cols : e / cols;
    out[outOff + e] = binary_apply(op, x[xOff + e], v[vOff + vi]);
}

__kernel void axpy(int n, float alpha, __global const float* x, int xOff, __global float* y, int yOff) {
    int i = get_global_id(0);
    if (i < n) y[yOff + i] += alpha * x[xOff + i];
}

__kernel void scale(int n, float alpha, __global const float* x, int xOff, __global float* out, int outOff) {
    int i = get_global_id(0);
    if (i < n) out[outOff + i] = alpha * x[xOff + i];
}

__kernel void clamp_values(int n, float lo, float hi, __global const float* x, int xOff, __global float* out, int outOff) {
    int i = get_global_id(0);
    if (i < n) out[outOff + i] = jmin(jmax(x[xOff + i], lo), hi);
}

__kernel void fill(int n, float value, __global float* out, int outOff) {
    int i = get_global_id(0);
    if (i < n) out[outOff + i] = value;
}

// dst[i, j] = src[i, j] for a rows x cols block with row strides lds, ldd (one item per element).
__kernel void copy_rows(int rows, int cols, __global const float* src, int srcOff, int lds,
                        __global float* dst, int dstOff, int ldd) {
    int e = get_global_id(0);
    if (e >= rows * cols) return;
    int i = e / cols, j = e % cols;
    dst[dstOff + i * ldd + j] = src[srcOff + i * lds + j];
}
