package lid.kernels;

/**
 * The reference backend: plain single-threaded loops, written to be obviously right. Every
 * fast kernel is tested against it; it is also the fallback when the Vector API is missing.
 * Each family is its own class ({@link ScalarGemm}, {@link ScalarElementwise}, ...).
 */
public final class ScalarKernels implements Kernels {

    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private static final Families FAMILIES = new Families(ScalarGemm.INSTANCE, ScalarElementwise.INSTANCE,
            ScalarReductions.INSTANCE, ScalarNormalization.INSTANCE, ScalarConvolution.INSTANCE, ScalarRandom.INSTANCE,
            ScalarOptimizer.INSTANCE, ScalarQuant.INSTANCE);

    private ScalarKernels() {}

    @Override
    public Families families() {
        return FAMILIES;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int threads() {
        return 1;
    }
}
