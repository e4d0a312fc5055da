// One Adam / AdamW step in place (Kernels.adamUpdate), one item per parameter; the same float
// operations in the same order as ScalarOptimizer, so the same bits where / and sqrt round
// correctly (see common.cl).
__kernel void adam_update(int n, __global float* p, int pOff, __global const float* g, int gOff,
                          __global float* m, int mOff, __global float* v, int vOff,
                          float beta1, float beta2, float eps, float stepSize, float invSqrtBc2, float shrink, float l2) {
    int j = get_global_id(0);
    if (j >= n) return;
    float c1 = 1 - beta1, c2 = 1 - beta2;
    float pj = p[pOff + j];
    float gj = g[gOff + j] + l2 * pj;
    float mj = beta1 * m[mOff + j] + c1 * gj;
    float vj = beta2 * v[vOff + j] + c2 * (gj * gj);
    m[mOff + j] = mj;
    v[vOff + j] = vj;
    p[pOff + j] = pj * shrink - stepSize * mj / (sqrt(vj) * invSqrtBc2 + eps);
}
