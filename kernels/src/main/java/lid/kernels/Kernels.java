package lid.kernels;

/**
 * The primitive set every backend implements (scalar reference, Vector API, OpenCL), grouped in
 * families ({@link GemmKernels}, {@link ElementwiseKernels}, {@link ReductionKernels},
 * {@link NormalizationKernels}, {@link ConvolutionKernels}, {@link RandomKernels},
 * {@link OptimizerKernels}, {@link QuantizedKernels}) that a backend's family classes implement
 * directly: adding an op touches its family interface, the scalar reference, the Vector API and
 * OpenCL classes of that family, and the family's test.
 *
 * <p>Conventions for every method:
 * <ul>
 *   <li>Matrices are row-major on flat {@code float[]} arrays; an array argument is always
 *       followed by its start offset; {@code ld*} is the distance between consecutive rows of
 *       the matrix as stored.</li>
 *   <li>Outputs may alias inputs only where stated ("in place allowed").</li>
 *   <li>Bad arguments (negative sizes, arrays too short for the shape and leading dimension,
 *       unknown ops) throw {@link IllegalArgumentException} naming the argument.</li>
 *   <li>For a fixed backend and thread count results are bit-identical run to run; the
 *       Vector API backend also gives the same bits for every thread count, because work is
 *       split over outputs and every output element is summed in a fixed order.</li>
 * </ul>
 */
public interface Kernels {

    /** Short name for logs and benchmark output, e.g. {@code "scalar"}, {@code "vector-512"}. */
    String name();

    /** Threads this backend spreads one call over. */
    int threads();

    // ---- residency (device backends; no-ops on the CPU) -------------------------------------
    //
    // A device backend may keep a copy of an array on the device between calls. The engine
    // adopts the arrays it owns (tensor storage) and tells the backend when host code reads or
    // writes them; arrays that were never adopted are copied in and out within each call.

    /** What the kernels run on, for logs and benchmark output, e.g. {@code "cpu"} or a device name. */
    default String device() {
        return "cpu";
    }

    /** Registers an engine-owned array: the backend may keep it on the device between calls. */
    default void adopt(float[] a) {}

    /** The array leaves the engine for good (dropped from the pool): free its device copy. */
    default void release(float[] a) {}

    /** Call before host code reads an adopted array: brings the newest values to the host. */
    default void toHost(float[] a) {}

    /** Call after host code wrote an adopted array: the host copy is now the newest. */
    default void hostWrote(float[] a) {}

    /**
     * Brings every adopted array's newest values to the host and forgets them all (the engine
     * calls this before it switches to another backend).
     */
    default void evictAll() {}

    /** Waits until every kernel queued so far has finished (device backends run asynchronously; for timing). */
    default void finish() {}

    /**
     * True when the backend keeps arrays in its own memory between calls (a device), so the
     * engine must adopt its arrays and sync host reads and writes; false for the CPU backends.
     */
    default boolean resident() {
        return false;
    }

    /**
     * dst[i, j] = src[i, j] for a rows x cols block: src with row stride lds, dst with row
     * stride ldd (slices and concatenations along any axis are such blocks). The blocks must
     * not overlap. Values are copied bit for bit. The default copies on the host, keeping to
     * the residency protocol, so it is right (if slow) for a device backend too.
     */
    default void copyRows(int rows, int cols, float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd) {
        Check.matrix("src", src, srcOff, rows, cols, lds);
        Check.matrix("dst", dst, dstOff, rows, cols, ldd);
        toHost(src);
        toHost(dst);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(src, srcOff + i * lds, dst, dstOff + i * ldd, cols);
        }
        hostWrote(dst);
    }

    // ---- the families (each implemented directly by the backend's family classes) -----------

    /**
     * The backend's implementation of each family. A backend builds this once; the accessors
     * below read it, so adding an op never touches a backend's top-level class.
     */
    record Families(GemmKernels gemm, ElementwiseKernels elementwise, ReductionKernels reductions,
                    NormalizationKernels normalization, ConvolutionKernels convolution, RandomKernels random,
                    OptimizerKernels optimizer, QuantizedKernels quantized) {}

    /** This backend's families. */
    Families families();

    default GemmKernels gemm() {
        return families().gemm();
    }

    default ElementwiseKernels elementwise() {
        return families().elementwise();
    }

    default ReductionKernels reductions() {
        return families().reductions();
    }

    default NormalizationKernels normalization() {
        return families().normalization();
    }

    default ConvolutionKernels convolution() {
        return families().convolution();
    }

    default RandomKernels random() {
        return families().random();
    }

    default OptimizerKernels optimizer() {
        return families().optimizer();
    }

    default QuantizedKernels quantized() {
        return families().quantized();
    }
}
