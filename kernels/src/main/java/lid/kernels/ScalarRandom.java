package lid.kernels;

/**
 * Reference RNG kernels: out[outOff + j], j < n, is element offset + j of the Philox-4x32-10
 * stream (seed, stream), generated block by block in order (see {@link Philox} for the exact
 * word-to-number maps). offset >= 0 and may start in the middle of a block.
 */
public final class ScalarRandom implements RandomKernels {
    /** The reference (stateless, single-threaded). */
    public static final ScalarRandom INSTANCE = new ScalarRandom();
    private ScalarRandom() {}

    @Override
    public void randomUniform(long seed, long stream, long offset, int n, float[] out, int outOff) {
        RandomKernels.Checks.fill(offset, n, out, outOff);
        Philox.uniform(seed, stream, offset, n, out, outOff);
    }

    @Override
    public void randomNormal(long seed, long stream, long offset, int n, float[] out, int outOff) {
        RandomKernels.Checks.fill(offset, n, out, outOff);
        Philox.normal(seed, stream, offset, n, out, outOff);
    }

    @Override
    public void randomRademacher(long seed, long stream, long offset, int n, float[] out, int outOff) {
        RandomKernels.Checks.fill(offset, n, out, outOff);
        Philox.rademacher(seed, stream, offset, n, out, outOff);
    }
}
