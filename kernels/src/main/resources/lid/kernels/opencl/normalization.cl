// Softmax, layer norm and group norm: one work group per normalised segment (a row, or a
// (sample, group) block of channels/groups * spatial contiguous values), statistics by
// work-group trees; the per-channel gradient sums of the affine parameters by one item per
// column / channel, folded in the reference's order. Shapes as in ScalarNormalization.
// Optional arrays (gamma, beta, gradGamma, gradBeta) come with a has* flag.

// x, out [rows,cols]; out may be x.
__kernel void softmax_rows(int cols, __global const float* x, int xOff, __global float* out, int outOff,
                           __local float* scratch) {
    int row = get_group_id(0);
    int lid = get_local_id(0), ls = get_local_size(0);
    __global const float* xr = x + xOff + row * cols;
    __global float* orow = out + outOff + row * cols;
    float m = -INFINITY;
    for (int j = lid; j < cols; j += ls) m = jmax(m, xr[j]);
    m = group_reduce(R_MAX, m, scratch);
    float s = 0.0f;
    for (int j = lid; j < cols; j += ls) {
        float e = fm_exp(xr[j] - m);
        orow[j] = e;
        s += e;
    }
    s = group_reduce(R_SUM, s, scratch);
    for (int j = lid; j < cols; j += ls) orow[j] = orow[j] / s;
}

__kernel void softmax_rows_backward(int cols, __global const float* y, int yOff, __global const float* g, int gOff,
                                    __global float* gi, int giOff, __local float* scratch) {
    int row = get_group_id(0);
    int lid = get_local_id(0), ls = get_local_size(0);
    float d = 0.0f;
    for (int j = lid; j < cols; j += ls) d += g[gOff + row * cols + j] * y[yOff + row * cols + j];
    d = group_reduce(R_SUM, d, scratch);
    for (int j = lid; j < cols; j += ls) {
        int at = row * cols + j;
        gi[giOff + at] = y[yOff + at] * (g[gOff + at] - d);
    }
}

// Mean and rstd of len values from seg (two passes, biased variance); every item gets both.
inline float2 segment_stats(__global const float* seg, int len, float eps, __local float* scratch) {
    int lid = get_local_id(0), ls = get_local_size(0);
    float s = 0.0f;
    for (int j = lid; j < len; j += ls) s += seg[j];
    s = group_reduce(R_SUM, s, scratch);
    float mu = len == 0 ? 0.0f : s / len;
    float v = 0.0f;
    for (int j = lid; j < len; j += ls) {
        float d = seg[j] - mu;
        v += d * d;
    }
    v = group_reduce(R_SUM, v, scratch);
    float var = len == 0 ? 0.0f : v / len;
    return (float2)(mu, 1.0f / sqrt(var + eps));
}

// x, out [rows,cols]; gamma, beta [cols]; mean, rstd [rows].
__kernel void layer_norm(int cols, float eps, __global const float* x, int xOff,
                         int hasGamma, __global const float* gamma, int hasBeta, __global const float* beta,
                         __global float* out, int outOff, __global float* mean, __global float* rstd,
                         __local float* scratch) {
    int row = get_group_id(0);
    int lid = get_local_id(0), ls = get_local_size(0);
    __global const float* xr = x + xOff + row * cols;
    float2 st = segment_stats(xr, cols, eps, scratch);
    if (lid == 0) {
        mean[row] = st.x;
        rstd[row] = st.y;
    }
    for (int j = lid; j < cols; j += ls) {
        float y = (xr[j] - st.x) * st.y;
        if (hasGamma) y = y * gamma[j];
        if (hasBeta) y = y + beta[j];
        out[outOff + row * cols + j] = y;
    }
}

// gradX of one row: rstd * (d - mean(d) - xhat * mean(d * xhat)), d = gradOut * gamma.
__kernel void layer_norm_backward_x(int cols, __global const float* x, int xOff, int hasGamma, __global const float* gamma,
                                    __global const float* mean, __global const float* rstd,
                                    __global const float* g, int gOff, __global float* gx, int gxOff,
                                    __local float* scratch) {
    int row = get_group_id(0);
    int lid = get_local_id(0), ls = get_local_size(0);
    float mu = mean[row], r = rstd[row];
    int base = row * cols;
    float sumD = 0.0f, sumDX = 0.0f;
    for (int j = lid; j < cols; j += ls) {
        float xhat = (x[xOff + base + j] - mu) * r;
        float d = hasGamma ? g[gOff + base + j] * gamma[j] : g[gOff + base + j];
        sumD += d;
        sumDX += d * xhat;
    }
    sumD = group_reduce(R_SUM, sumD, scratch);
    sumDX = group_reduce(R_SUM, sumDX, scratch);
    float a = sumD / cols;
    float b = sumDX / cols;
    for (int j = lid; j < cols; j += ls) {
        float xhat = (x[xOff + base + j] - mu) * r;
        float d = hasGamma ? g[gOff + base + j] * gamma[j] : g[gOff + base + j];
        gx[gxOff + base + j] = (d - a - xhat * b) * r;
    }
}

// gradGamma[j] += sum_i g * xhat, gradBeta[j] += sum_i g, rows added one by one in order.
__kernel void layer_norm_backward_affine(int rows, int cols, __global const float* x, int xOff,
                                         __global const float* mean, __global const float* rstd,
                                         __global const float* g, int gOff,
                                         int hasGG, __global float* gg, int hasGB, __global float* gb) {
    int j = get_global_id(0);
    if (j >= cols) return;
    float accG = hasGG ? gg[j] : 0.0f;
    float accB = hasGB ? gb[j] : 0.0f;
    for (int i = 0; i < rows; i++) {
        float gv = g[gOff + i * cols + j];
        accG += gv * ((x[xOff + i * cols + j] - mean[i]) * rstd[i]);
        accB += gv;
    }
    if (hasGG) gg[j] = accG;
    if (hasGB) gb[j] = accB;
}

// x, out [batch, channels, spatial]; one group per (b, g) = group id b * groups + g.
__kernel void group_norm(int channels, int spatial, int groups, float eps, __global const float* x, int xOff,
                         int hasGamma, __global const float* gamma, int hasBeta, __global const float* beta,
                         __global float* out, int outOff, __global float* mean, __global float* rstd,
                         __local float* scratch) {
    int sg = get_group_id(0);
    int b = sg / groups, g = sg % groups;
    int cpg = channels / groups;
    int len = cpg * spatial;
    int lid = get_local_id(0), ls = get_local_size(0);
    int seg = (b * channels + g * cpg) * spatial;
    float2 st = segment_stats(x + xOff + seg, len, eps, scratch);
    if (lid == 0) {
        mean[sg] = st.x;
        rstd[sg] = st.y;
    }
    for (int e = lid; e < len; e += ls) {
        int c = g * cpg + e / spatial;
        float y = (x[xOff + seg + e] - st.x) * st.y;
        if (hasGamma) y = y * gamma[c];
        if (hasBeta) y = y + beta[c];
        out[outOff + seg + e] = y;
    }
}

__kernel void group_norm_backward_x(int channels, int spatial, int groups, __global const float* x, int xOff,
                                    int hasGamma, __global const float* gamma,
                                    __global const float* mean, __global const float* rstd,
                                    __global const float* g, int gOff, __global float* gx, int gxOff,
                                    __local float* scratch) {
    int sg = get_group_id(0);
    int b = sg / groups, gr = sg % groups;
    int cpg = channels / groups;
    int len = cpg * spatial;
    int lid = get_local_id(0), ls = get_local_size(0);
    int seg = (b * channels + gr * cpg) * spatial;
    float mu = mean[sg], r = rstd[sg];
    float sumD = 0.0f, sumDX = 0.0f;
    for (int e = lid; e < len; e += ls) {
        int c = gr * cpg + e / spatial;
        float xhat = (x[xOff + seg + e] - mu) * r;
        float d = hasGamma ? g[gOff + seg + e] * gamma[c] : g[gOff + seg + e];
        sumD += d;
        sumDX += d * xhat;
    }
    sumD = group_reduce(R_SUM, sumD, scratch);
    sumDX = group_reduce(R_SUM, sumDX, scratch);
    float a = sumD / len;
    float bb = sumDX / len;
    for (int e = lid; e < len; e += ls) {
        int c = gr * cpg + e / spatial;
        float xhat = (x[xOff + seg + e] - mu) * r;
        float d = hasGamma ? g[gOff + seg + e] * gamma[c] : g[gOff + seg + e];
        gx[gxOff + seg + e] = (d - a - xhat * bb) * r;
    }
}

// Per channel c: the sums over batch, then spatial, in order; then added to gradGamma / gradBeta.
__kernel void group_norm_backward_affine(int batch, int channels, int spatial, int groups,
                                         __global const float* x, int xOff,
                                         __global const float* mean, __global const float* rstd,
                                         __global const float* g, int gOff,
                                         int hasGG, __global float* gg, int hasGB, __global float* gb) {
    int c = get_global_id(0);
    if (c >= channels) return;
    int cpg = channels / groups;
    float sumG = 0.0f, sumB = 0.0f;
    for (int b = 0; b < batch; b++) {
        int stat = b * groups + c / cpg;
        float mu = mean[stat], r = rstd[stat];
        int row = (b * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
            float gv = g[gOff + row + s];
            sumG += gv * ((x[xOff + row + s] - mu) * r);
            sumB += gv;
        }
    }
    if (hasGG) gg[c] += sumG;
    if (hasGB) gb[c] += sumB;
}
