package lid.kernels;

/**
 * Softmax, layer norm and group norm, forward and backward.
 *
 * <p>One family of the {@link Kernels} primitive set: the scalar reference, the Vector API and the
 * OpenCL backend each implement it directly (conventions: {@link Kernels}; the arrays a method
 * writes are marked {@link Out}).
 */
public interface NormalizationKernels {
    /** out[i,:] = softmax(x[i,:]) over rows of x [rows,cols] (max-subtracted); in place allowed. */
    void softmaxRows(int rows, int cols, float[] x, int xOff, @Out float[] out, int outOff);

    /** gradIn[i,j] = y[i,j] * (gradOut[i,j] - sum_k gradOut[i,k] y[i,k]), y the softmax output. */
    void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff,
                             @Out float[] gradIn, int giOff);

    /**
     * Layer norm over the last axis of x [rows,cols]:
     * out = (x - mean) * rstd * gamma + beta, rstd = 1/sqrt(var + eps) (biased variance).
     * gamma, beta (length cols) may be null (no affine). mean, rstd (length rows) receive the
     * statistics the backward pass needs.
     */
    void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta,
                   @Out float[] out, int outOff, @Out float[] mean, @Out float[] rstd);

    /**
     * Backward of {@link #layerNorm}: writes gradX; adds into gradGamma and gradBeta (length
     * cols) when they are not null. gamma may be null (treated as ones).
     */
    void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma,
                           float[] mean, float[] rstd, float[] gradOut, int gOff,
                           @Out float[] gradX, int gxOff, @Out float[] gradGamma, @Out float[] gradBeta);

    /**
     * Group norm of x [batch, channels, spatial] (NCHW with spatial = H*W): channels split into
     * {@code groups} contiguous groups, statistics per (sample, group) over channels/groups *
     * spatial values; gamma, beta per channel (may be null); mean, rstd: [batch*groups].
     */
    void groupNorm(int batch, int channels, int spatial, int groups, float eps,
                   float[] x, int xOff, float[] gamma, float[] beta,
                   @Out float[] out, int outOff, @Out float[] mean, @Out float[] rstd);

    /** Backward of {@link #groupNorm}: writes gradX; adds into gradGamma, gradBeta (per channel) when not null. */
    void groupNormBackward(int batch, int channels, int spatial, int groups,
                           float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                           float[] gradOut, int gOff, @Out float[] gradX, int gxOff,
                           @Out float[] gradGamma, @Out float[] gradBeta);
}
