package lid.kernels;

/** TODO (being written). */
public final class ScalarRandom {
    private ScalarRandom() {}

    public static void randomUniform(long seed, long stream, long offset, int n, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void randomNormal(long seed, long stream, long offset, int n, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static void randomRademacher(long seed, long stream, long offset, int n, float[] out, int outOff) {
        throw new UnsupportedOperationException("not written yet");
    }
}
