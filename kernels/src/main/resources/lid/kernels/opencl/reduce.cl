// Reductions with work-group trees (local size a power of two, scratch = one float per item).
// reduce_partial: group g folds x[i] (squared when square != 0) for i = g*L + lid, stepping by
// the global size, and writes its result to out[outOff + g]; a second launch with one group
// folds the partials. dot_partial likewise for x[i] * y[i].

__kernel void reduce_partial(int op, int square, int n, __global const float* x, int xOff,
                             __global float* out, int outOff, __local float* scratch) {
    float acc = reduce_identity(op);
    for (int i = get_global_id(0); i < n; i += get_global_size(0)) {
        float v = x[xOff + i];
        acc = reduce_combine(op, acc, square ? v * v : v);
    }
    float r = group_reduce(op, acc, scratch);
    if (get_local_id(0) == 0) out[outOff + get_group_id(0)] = r;
}

__kernel void dot_partial(int n, __global const float* x, int xOff, __global const float* y, int yOff,
                          __global float* out, int outOff, __local float* scratch) {
    float acc = 0.0f;
    for (int i = get_global_id(0); i < n; i += get_global_size(0)) acc += x[xOff + i] * y[yOff + i];
    float r = group_reduce(R_SUM, acc, scratch);
    if (get_local_id(0) == 0) out[outOff + get_group_id(0)] = r;
}

// out[row] = op over row `group` of x [rows,cols].
__kernel void reduce_rows(int op, int cols, __global const float* x, int xOff, __global float* out, int outOff,
                          __local float* scratch) {
    int row = get_group_id(0);
    int sq = op == R_SUM_SQUARES;
    int fold = sq ? R_SUM : op;
    float acc = reduce_identity(fold);
    for (int j = get_local_id(0); j < cols; j += get_local_size(0)) {
        float v = x[xOff + row * cols + j];
        acc = reduce_combine(fold, acc, sq ? v * v : v);
    }
    float r = group_reduce(fold, acc, scratch);
    if (get_local_id(0) == 0) out[outOff + row] = r;
}

// out[j] = op over column j, one item per column, rows folded in order (the reference's order).
__kernel void reduce_cols(int op, int rows, int cols, __global const float* x, int xOff, __global float* out, int outOff) {
    int j = get_global_id(0);
    if (j >= cols) return;
    int sq = op == R_SUM_SQUARES;
    int fold = sq ? R_SUM : op;
    float acc = reduce_identity(fold);
    for (int i = 0; i < rows; i++) {
        float v = x[xOff + i * cols + j];
        acc = reduce_combine(fold, acc, sq ? v * v : v);
    }
    out[outOff + j] = acc;
}
