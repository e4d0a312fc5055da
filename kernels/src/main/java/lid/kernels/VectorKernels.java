package lid.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * The CPU SIMD backend on the JDK Vector API ({@link FloatVector#SPECIES_PREFERRED} lanes),
 * multithreaded over the shared {@link Parallel} pool. Each family is its own class
 * ({@link VectorGemm}, {@link VectorElementwise}, ...) with a scalar twin in the reference
 * backend; differential tests hold them together.
 */
public final class VectorKernels implements Kernels {

    private final Parallel par;
    private final VectorGemm gemm;
    private final VectorElementwise elementwise;
    private final VectorReductions reductions;
    private final VectorNormalization normalization;
    private final VectorConvolution convolution;
    private final VectorRandom random;
    private final VectorOptimizer optimizer;
    private final VectorQuant quantized;

    /** threads: 0 = one per processor. */
    public VectorKernels(int threads) {
        this.par = Parallel.of(threads);
        this.gemm = new VectorGemm(par);
        this.elementwise = new VectorElementwise(par);
        this.reductions = new VectorReductions(par);
        this.normalization = new VectorNormalization(par);
        this.convolution = new VectorConvolution(par);
        this.random = new VectorRandom(par);
        this.optimizer = new VectorOptimizer(par);
        this.quantized = new VectorQuant(par);
    }

    @Override
    public String name() {
        return "vector-" + FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    @Override
    public int threads() {
        return par.threads();
    }

    @Override
    public GemmKernels gemm() {
        return gemm;
    }

    @Override
    public ElementwiseKernels elementwise() {
        return elementwise;
    }

    @Override
    public ReductionKernels reductions() {
        return reductions;
    }

    @Override
    public NormalizationKernels normalization() {
        return normalization;
    }

    @Override
    public ConvolutionKernels convolution() {
        return convolution;
    }

    @Override
    public RandomKernels random() {
        return random;
    }

    @Override
    public OptimizerKernels optimizer() {
        return optimizer;
    }

    @Override
    public QuantizedKernels quantized() {
        return quantized;
    }
}
