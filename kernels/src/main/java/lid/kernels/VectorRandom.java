package lid.kernels;

/**
 * RNG kernels of the Vector API backend: the {@link Philox} streams of {@link ScalarRandom},
 * with large fills cut into fixed-size runs of positions that run on the threads. Every
 * value depends only on (seed, stream, position), so the output is bit-identical to the
 * scalar one for any thread count and any split of (offset, n). The generator itself stays
 * scalar: 10 rounds of 32x32->64 multiplies per 4 numbers are cheap next to the memory
 * traffic, and the normal transform is bound by StrictMath log / sin / cos.
 */
public final class VectorRandom extends VectorFamily implements RandomKernels {
    /** This family on the given threads. */
    public VectorRandom(Parallel par) {
        super(par);
    }

    /** Positions per part for uniform / Rademacher (about 10 ns per block of four). */
    private static final int PART = Split.CHUNK;
    /** Positions per part for normals (StrictMath log, cos and sin per pair: ~50x dearer). */
    private static final int NORMAL_PART = 4096;

    @Override
    public void randomUniform(long seed, long stream, long offset, int n, float[] out, int outOff) {
        RandomKernels.Checks.fill(offset, n, out, outOff);
        int parts = (int) (((long) n + PART - 1) / PART);
        if (!Split.parallel(par, parts)) {
            Philox.uniform(seed, stream, offset, n, out, outOff);
            return;
        }
        par.forEach(parts, p -> {
            int s = p * PART;
            Philox.uniform(seed, stream, offset + s, Math.min(PART, n - s), out, outOff + s);
        });
    }

    @Override
    public void randomNormal(long seed, long stream, long offset, int n, float[] out, int outOff) {
        RandomKernels.Checks.fill(offset, n, out, outOff);
        int parts = (int) (((long) n + NORMAL_PART - 1) / NORMAL_PART);
        if (!Split.parallel(par, parts)) {
            Philox.normal(seed, stream, offset, n, out, outOff);
            return;
        }
        par.forEach(parts, p -> {
            int s = p * NORMAL_PART;
            Philox.normal(seed, stream, offset + s, Math.min(NORMAL_PART, n - s), out, outOff + s);
        });
    }

    @Override
    public void randomRademacher(long seed, long stream, long offset, int n, float[] out, int outOff) {
        RandomKernels.Checks.fill(offset, n, out, outOff);
        int parts = (int) (((long) n + PART - 1) / PART);
        if (!Split.parallel(par, parts)) {
            Philox.rademacher(seed, stream, offset, n, out, outOff);
            return;
        }
        par.forEach(parts, p -> {
            int s = p * PART;
            Philox.rademacher(seed, stream, offset + s, Math.min(PART, n - s), out, outOff + s);
        });
    }
}
