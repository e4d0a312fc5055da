// Philox-4x32-10 streams (lid.kernels.Philox): element i of stream (seed, stream) is word i % 4
// of block i / 4; key = (seed lo, seed hi), counter = (block lo, block hi, stream lo, stream hi).
// One item per block touched by [offset, offset + n); kind 0 uniform, 1 normal, 2 rademacher.
// Normal: Box-Muller in double when the device has fp64 (then within 1 float ulp of the CPU's
// StrictMath result), else in float.

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

inline uint4 philox(uint k0, uint k1, uint4 c) {
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        uint hi0 = mul_hi(PHILOX_M0, c.x), lo0 = PHILOX_M0 * c.x;
        uint hi1 = mul_hi(PHILOX_M1, c.z), lo1 = PHILOX_M1 * c.z;
        c = (uint4)(hi1 ^ c.y ^ k0, lo1, hi0 ^ c.w ^ k1, lo0);
    }
    return c;
}

// The Box-Muller pair of words (a, b), as Philox.boxMuller computes it.
inline float2 box_muller(uint a, uint b) {
#ifdef HAS_FP64
    double u1 = ((a >> 8) + 0.5) * 0x1p-24;
    double u2 = (b >> 8) * 0x1p-24;
    double r = sqrt(-2.0 * log(u1));
    int q = (int) (u2 * 4 + 0.5);
    double phi = 2.0 * 3.141592653589793 * (u2 - q * 0.25);
    double c = cos(phi), s = sin(phi);
    double ct, st;
#else
    float u1 = ((a >> 8) + 0.5f) * 0x1p-24f;
    float u2 = (b >> 8) * 0x1p-24f;
    float r = sqrt(-2.0f * log(u1));
    int q = (int) (u2 * 4 + 0.5f);
    float phi = 2.0f * 3.14159265f * (u2 - q * 0.25f);
    float c = cos(phi), s = sin(phi);
    float ct, st;
#endif
    switch (q & 3) {
        case 0: ct = c; st = s; break;
        case 1: ct = -s; st = c; break;
        case 2: ct = -c; st = -s; break;
        default: ct = s; st = -c; break;
    }
    return (float2)((float) (r * ct), (float) (r * st));
}

__kernel void philox_fill(int kind, uint seedLo, uint seedHi, uint streamLo, uint streamHi, long offset, int n,
                          __global float* out, int outOff) {
    long block = (offset >> 2) + get_global_id(0);
    long first = block * 4;
    if (first >= offset + n) return;
    uint4 w = philox(seedLo, seedHi, (uint4)((uint) block, (uint) (block >> 32), streamLo, streamHi));
    float v[4];
    if (kind == 0) {
        v[0] = (w.x >> 8) * 0x1p-24f; v[1] = (w.y >> 8) * 0x1p-24f;
        v[2] = (w.z >> 8) * 0x1p-24f; v[3] = (w.w >> 8) * 0x1p-24f;
    } else if (kind == 2) {
        v[0] = (int) w.x >= 0 ? 1.0f : -1.0f; v[1] = (int) w.y >= 0 ? 1.0f : -1.0f;
        v[2] = (int) w.z >= 0 ? 1.0f : -1.0f; v[3] = (int) w.w >= 0 ? 1.0f : -1.0f;
    } else {
        float2 z0 = box_muller(w.x, w.y), z1 = box_muller(w.z, w.w);
        v[0] = z0.x; v[1] = z0.y; v[2] = z1.x; v[3] = z1.y;
    }
    for (int qd = 0; qd < 4; qd++) {
        long j = first + qd - offset;
        if (j >= 0 && j < n) out[outOff + (int) j] = v[qd];
    }
}
