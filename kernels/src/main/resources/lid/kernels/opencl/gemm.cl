// SGEMM, batched: C_q = alpha * op(A_q) * op(B_q) + beta * C_q for q = get_global_id(2), the
// q-th matrix starting at off + q * stride. Row-major; op(A): [m,k] (stored [m,k] with row
// stride lda, or [k,m] when transA); op(B): [k,n] (stored [k,n], or [n,k] when transB);
// C: [m,n] with row stride ldc. beta == 0 overwrites C (a NaN in C is not propagated).
//
// Tiling: a work group of (TSN/WPTN, TSM/WPTM) items computes a TSM x TSN tile of C; each item
// holds WPTM x WPTN accumulators in registers (rows ty + i*RTSM, columns tx + j*RTSN, so
// neighbouring items touch neighbouring columns). Per step TSK of the k axis of both operands
// is staged in local memory, zero-padded past the edges of the matrices (any m, n, k).
// Products accumulate with fma (one rounding per term, within the reference error bound).

#define RTSM (TSM / WPTM)
#define RTSN (TSN / WPTN)

__kernel __attribute__((reqd_work_group_size(RTSN, RTSM, 1)))
void sgemm(int transA, int transB, int m, int n, int k, float alpha,
           __global const float* a, int aOff, int lda, int strideA,
           __global const float* b, int bOff, int ldb, int strideB,
           float beta, __global float* c, int cOff, int ldc, int strideC) {
    const int tx = get_local_id(0);
    const int ty = get_local_id(1);
    const int col0 = get_group_id(0) * TSN;
    const int row0 = get_group_id(1) * TSM;
    const int q = get_global_id(2);
    const int tid = ty * RTSN + tx;
    const int threads = RTSM * RTSN;
    a += aOff + q * strideA;
    b += bOff + q * strideB;
    c += cOff + q * strideC;

    __local float As[TSK][TSM + 1];
    __local float Bs[TSK][TSN + 1];
    float acc[WPTM][WPTN];
    for (int i = 0; i < WPTM; i++) {
        for (int j = 0; j < WPTN; j++) acc[i][j] = 0.0f;
    }

    for (int p0 = 0; p0 < k; p0 += TSK) {
        // Stage A[row0.., p0..] and B[p0.., col0..]; consecutive items read consecutive addresses.
        for (int e = tid; e < TSM * TSK; e += threads) {
            int i, p;
            if (transA) { i = e % TSM; p = e / TSM; } else { p = e % TSK; i = e / TSK; }
            int gi = row0 + i, gp = p0 + p;
            float v = 0.0f;
            if (gi < m && gp < k) v = transA ? a[gp * lda + gi] : a[gi * lda + gp];
            As[p][i] = v;
        }
        for (int e = tid; e < TSN * TSK; e += threads) {
            int j, p;
            if (transB) { p = e % TSK; j = e / TSK; } else { j = e % TSN; p = e / TSN; }
            int gj = col0 + j, gp = p0 + p;
            float v = 0.0f;
            if (gj < n && gp < k) v = transB ? b[gj * ldb + gp] : b[gp * ldb + gj];
            Bs[p][j] = v;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int p = 0; p < TSK; p++) {
            float areg[WPTM];
            float breg[WPTN];
            for (int i = 0; i < WPTM; i++) areg[i] = As[p][ty + i * RTSM];
            for (int j = 0; j < WPTN; j++) breg[j] = Bs[p][tx + j * RTSN];
            for (int i = 0; i < WPTM; i++) {
                for (int j = 0; j < WPTN; j++) acc[i][j] = fma(areg[i], breg[j], acc[i][j]);
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }

    for (int i = 0; i < WPTM; i++) {
        int gi = row0 + ty + i * RTSM;
        if (gi >= m) continue;
        for (int j = 0; j < WPTN; j++) {
            int gj = col0 + tx + j * RTSN;
            if (gj < n) {
                int at = gi * ldc + gj;
                c[at] = beta == 0.0f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * c[at];
            }
        }
    }
}

// y = alpha * op(A) * x + beta * y; A stored [m,n] with row stride lda; one item per output,
// the dot product summed in index order (the scalar reference's order).
__kernel void sgemv(int transA, int m, int n, float alpha, __global const float* a, int aOff, int lda,
                    __global const float* x, int xOff, float beta, __global float* y, int yOff) {
    int rows = transA ? n : m;
    int len = transA ? m : n;
    int i = get_global_id(0);
    if (i >= rows) return;
    float acc = 0.0f;
    for (int p = 0; p < len; p++) {
        float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        acc += av * x[xOff + p];
    }
    y[yOff + i] = beta == 0.0f ? alpha * acc : alpha * acc + beta * y[yOff + i];
}

// SGEMM for CPU devices (PoCL and the like), same contract as sgemm: no local memory and no
// barriers, so the compiler keeps the accumulators in registers and vectorizes across work
// items: item (j, r) computes column j of rows r*DRM .. r*DRM+DRM-1, reading B's row p once
// for DRM rows of A (consecutive items read consecutive columns of B). Edges are clamped for
// the loads and skipped for the stores.
#ifndef DRM
#define DRM 8
#endif
__kernel void sgemm_rows(int transA, int transB, int m, int n, int k, float alpha,
                         __global const float* a, int aOff, int lda, int strideA,
                         __global const float* b, int bOff, int ldb, int strideB,
                         float beta, __global float* c, int cOff, int ldc, int strideC) {
    const int j = get_global_id(0);
    const int i0 = get_global_id(1) * DRM;
    const int q = get_global_id(2);
    a += aOff + q * strideA;
    b += bOff + q * strideB;
    c += cOff + q * strideC;
    const int jj = min(j, n - 1);
    int rowA[DRM];
    for (int r = 0; r < DRM; r++) rowA[r] = min(i0 + r, m - 1);
    float acc[DRM];
    for (int r = 0; r < DRM; r++) acc[r] = 0.0f;
    for (int p = 0; p < k; p++) {
        float bv = transB ? b[jj * ldb + p] : b[p * ldb + jj];
        for (int r = 0; r < DRM; r++) {
            float av = transA ? a[p * lda + rowA[r]] : a[rowA[r] * lda + p];
            acc[r] = fma(av, bv, acc[r]);
        }
    }
    if (j >= n) return;
    for (int r = 0; r < DRM; r++) {
        int gi = i0 + r;
        if (gi < m) {
            int at = gi * ldc + j;
            c[at] = beta == 0.0f ? alpha * acc[r] : alpha * acc[r] + beta * c[at];
        }
    }
}
