package lid.kernels;

/**
 * Random numbers, counter-based: values depend only on seed, stream and position.
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface RandomKernels {
    /** out[j] = uniform [0,1) number at position offset + j of stream (seed, stream). */
    void randomUniform(long seed, long stream, long offset, int n, @Out float[] out, int outOff);

    /** out[j] = standard normal number at position offset + j of stream (seed, stream). */
    void randomNormal(long seed, long stream, long offset, int n, @Out float[] out, int outOff);

    /** out[j] = +1 or -1 with equal probability, position offset + j of stream (seed, stream). */
    void randomRademacher(long seed, long stream, long offset, int n, @Out float[] out, int outOff);

    /** Argument checks of this family, shared by every backend (each calls them first). */
    final class Checks {
        private Checks() {}

        public static void fill(long offset, int n, float[] out, int outOff) {
            Check.nonNegative("offset", offset);
            Check.nonNegative("n", n);
            if (offset > Long.MAX_VALUE - n) {
                throw new IllegalArgumentException("offset + n overflows a stream position: offset " + offset + ", n " + n);
            }
            Check.vector("out", out, outOff, n);
        }
    }
}
