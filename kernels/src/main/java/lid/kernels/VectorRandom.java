package lid.kernels;

/** TODO (being written). */
public final class VectorRandom {
    private VectorRandom() {}

    public static void randomUniform(Parallel par, long seed, long stream, long offset, int n, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void randomNormal(Parallel par, long seed, long stream, long offset, int n, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void randomRademacher(Parallel par, long seed, long stream, long offset, int n, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }
}
