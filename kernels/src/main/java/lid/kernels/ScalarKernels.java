package lid.kernels;

/**
 * The reference backend: plain single-threaded loops, written to be obviously right. Every
 * fast kernel is tested against it; it is also the fallback when the Vector API is missing.
 * Each family is its own class ({@link ScalarGemm}, {@link ScalarElementwise}, ...).
 */
public final class ScalarKernels implements Kernels {

    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public GemmKernels gemm() {
        return ScalarGemm.INSTANCE;
    }

    @Override
    public ElementwiseKernels elementwise() {
        return ScalarElementwise.INSTANCE;
    }

    @Override
    public ReductionKernels reductions() {
        return ScalarReductions.INSTANCE;
    }

    @Override
    public NormalizationKernels normalization() {
        return ScalarNormalization.INSTANCE;
    }

    @Override
    public ConvolutionKernels convolution() {
        return ScalarConvolution.INSTANCE;
    }

    @Override
    public RandomKernels random() {
        return ScalarRandom.INSTANCE;
    }

    @Override
    public OptimizerKernels optimizer() {
        return ScalarOptimizer.INSTANCE;
    }

    @Override
    public QuantizedKernels quantized() {
        return ScalarQuant.INSTANCE;
    }
}
