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
    private final Families families;

    /** threads: 0 = one per processor. */
    public VectorKernels(int threads) {
        this.par = Parallel.of(threads);
        this.families = new Families(new VectorGemm(par), new VectorElementwise(par), new VectorReductions(par),
                new VectorNormalization(par), new VectorConvolution(par), new VectorRandom(par), new VectorOptimizer(par),
                new VectorQuant(par));
    }

    @Override
    public Families families() {
        return families;
    }

    @Override
    public String name() {
        return "vector-" + FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    @Override
    public int threads() {
        return par.threads();
    }
}
