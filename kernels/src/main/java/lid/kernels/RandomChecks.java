package lid.kernels;

/** Argument checks of the RNG kernels, shared by every backend. */
public final class RandomChecks {
    private RandomChecks() {}

    public static void fill(long offset, int n, float[] out, int outOff) {
        Check.nonNegative("offset", offset);
        Check.nonNegative("n", n);
        if (offset > Long.MAX_VALUE - n) {
            throw new IllegalArgumentException("offset + n overflows a stream position: offset " + offset + ", n " + n);
        }
        Check.vector("out", out, outOff, n);
    }
}
