package lid.kernels;

/**
 * The primitive set every backend implements (scalar reference, Vector API, OpenCL).
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

    // ---- GEMM -------------------------------------------------------------------------------

    /**
     * C = alpha * op(A) * op(B) + beta * C.
     * op(A): [m,k] (stored [m,k] with row stride lda, or [k,m] when transA);
     * op(B): [k,n] (stored [k,n] with row stride ldb, or [n,k] when transB);
     * C: [m,n] with row stride ldc. beta == 0 overwrites C (NaN in C is not propagated).
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** {@link #sgemm} on {@code batch} matrices, the i-th starting at off + i * stride. */
    void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda, int strideA,
                      float[] b, int bOff, int ldb, int strideB,
                      float beta, float[] c, int cOff, int ldc, int strideC);

    /**
     * y = alpha * op(A) * x + beta * y. A stored [m,n] with row stride lda;
     * op(A) = A ([m,n], x: n, y: m) or A^T when transA ([n,m], x: m, y: n).
     */
    void sgemv(boolean transA, int m, int n, float alpha, float[] a, int aOff, int lda,
               float[] x, int xOff, float beta, float[] y, int yOff);

    // ---- elementwise (in place allowed: out may be x or y at the same offset) ---------------

    /** out[i] = op(x[i]). */
    void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff);

    /** gradIn[i] = gradOut[i] * op'(x[i]) (the VJP of {@link #unary}); gradIn may be gradOut. */
    void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff,
                       float[] gradIn, int giOff);

    /** out[i] = x[i] op y[i]. */
    void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff);

    /** out[i,j] = x[i,j] op v[j]: a row vector v (length cols) broadcast over the rows of x [rows,cols]. */
    void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff,
                    float[] out, int outOff);

    /** out[i,j] = x[i,j] op v[i]: a column vector v (length rows) broadcast over the columns. */
    void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff,
                    float[] out, int outOff);

    /** y[i] += alpha * x[i]. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** out[i] = alpha * x[i]. */
    void scale(int n, float alpha, float[] x, int xOff, float[] out, int outOff);

    /** out[i] = min(max(x[i], lo), hi); requires lo <= hi. */
    void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff);

    /** out[i] = value. */
    void fill(int n, float value, float[] out, int outOff);

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

    // ---- reductions -------------------------------------------------------------------------

    /** op over x[0..n); SUM of n = 0 is 0, MAX/MIN of n = 0 throw. */
    float reduce(ReduceOp op, int n, float[] x, int xOff);

    /** out[i] = op over row i of x [rows,cols]. */
    void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff);

    /** out[j] = op over column j of x [rows,cols]. */
    void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff);

    /** sum_i x[i] * y[i]. */
    float dot(int n, float[] x, int xOff, float[] y, int yOff);

    /** Euclidean norm sqrt(sum_i x[i]^2). */
    float norm2(int n, float[] x, int xOff);

    // ---- softmax and normalisation ----------------------------------------------------------

    /** out[i,:] = softmax(x[i,:]) over rows of x [rows,cols] (max-subtracted); in place allowed. */
    void softmaxRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff);

    /** gradIn[i,j] = y[i,j] * (gradOut[i,j] - sum_k gradOut[i,k] y[i,k]), y the softmax output. */
    void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff,
                             float[] gradIn, int giOff);

    /**
     * Layer norm over the last axis of x [rows,cols]:
     * out = (x - mean) * rstd * gamma + beta, rstd = 1/sqrt(var + eps) (biased variance).
     * gamma, beta (length cols) may be null (no affine). mean, rstd (length rows) receive the
     * statistics the backward pass needs.
     */
    void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta,
                   float[] out, int outOff, float[] mean, float[] rstd);

    /**
     * Backward of {@link #layerNorm}: writes gradX; adds into gradGamma and gradBeta (length
     * cols) when they are not null. gamma may be null (treated as ones).
     */
    void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma,
                           float[] mean, float[] rstd, float[] gradOut, int gOff,
                           float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta);

    /**
     * Group norm of x [batch, channels, spatial] (NCHW with spatial = H*W): channels split into
     * {@code groups} contiguous groups, statistics per (sample, group) over channels/groups *
     * spatial values; gamma, beta per channel (may be null); mean, rstd: [batch*groups].
     */
    void groupNorm(int batch, int channels, int spatial, int groups, float eps,
                   float[] x, int xOff, float[] gamma, float[] beta,
                   float[] out, int outOff, float[] mean, float[] rstd);

    /** Backward of {@link #groupNorm}: writes gradX; adds into gradGamma, gradBeta (per channel) when not null. */
    void groupNormBackward(int batch, int channels, int spatial, int groups,
                           float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                           float[] gradOut, int gOff, float[] gradX, int gxOff,
                           float[] gradGamma, float[] gradBeta);

    // ---- convolution data movement ----------------------------------------------------------

    /**
     * image: [channels, height, width]; col: [channels*kh*kw, outH*outW] with
     * outH = (height + 2*padH - kh) / strideH + 1 (likewise outW); zero padding.
     */
    void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                int padH, int padW, float[] image, int imOff, float[] col, int colOff);

    /** Adjoint of {@link #im2col}: adds every col entry into the image position it came from. */
    void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW,
                int padH, int padW, float[] col, int colOff, float[] image, int imOff);

    // ---- random numbers (counter-based: values depend only on seed, stream and position) ---

    /** out[j] = uniform [0,1) number at position offset + j of stream (seed, stream). */
    void randomUniform(long seed, long stream, long offset, int n, float[] out, int outOff);

    /** out[j] = standard normal number at position offset + j of stream (seed, stream). */
    void randomNormal(long seed, long stream, long offset, int n, float[] out, int outOff);

    /** out[j] = +1 or -1 with equal probability, position offset + j of stream (seed, stream). */
    void randomRademacher(long seed, long stream, long offset, int n, float[] out, int outOff);

    // ---- optimizer updates ------------------------------------------------------------------

    /**
     * One Adam / AdamW step on n parameters, in place (PyTorch's formulas with the bias
     * corrections folded into two scalars): g' = g + l2 * p; m = beta1 m + (1-beta1) g';
     * v = beta2 v + (1-beta2) g'^2; p = p * shrink - stepSize * m / (sqrt(v) * invSqrtBc2 + eps),
     * where stepSize = lr / (1 - beta1^t), invSqrtBc2 = 1 / sqrt(1 - beta2^t), shrink = 1 - lr*wd
     * for AdamW (else 1) and l2 = wd for Adam (else 0). Same bits on every backend.
     */
    void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                    float beta1, float beta2, float eps, float stepSize, float invSqrtBc2, float shrink, float l2);

    // ---- products with quantized weights (see QuantizedMatrix for the formats) --------------

    /** y[r] = sum_c W[r,c] x[c] + beta y[r], W [rows, cols] dequantized inside the dot products. */
    void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff);

    /**
     * transW: Y[m, rows] = X[m, cols] W^T + beta Y (a Linear layer's forward); otherwise
     * Y[m, cols] = X[m, rows] W + beta Y (its input gradient). Row strides ldx, ldy.
     */
    void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float beta,
                 float[] y, int yOff, int ldy);
}
