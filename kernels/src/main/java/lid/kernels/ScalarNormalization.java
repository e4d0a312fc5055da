package lid.kernels;

/**
 * Reference softmax, layer norm and group norm: plain float loops.
 *
 * <p>softmax: x, out, y, gradOut, gradIn [rows,cols] row-major, contiguous; out may be x.
 * layer norm: x, out, gradOut, gradX [rows,cols]; gamma, beta, gradGamma, gradBeta [cols]
 * (from index 0, may be null); mean, rstd [rows]. group norm: x, out, gradOut, gradX
 * [batch,channels,spatial]; gamma, beta, gradGamma, gradBeta [channels]; mean, rstd
 * [batch*groups], entry b*groups+g for the contiguous block of channels/groups channels of
 * sample b. Statistics are two-pass (mean, then mean of squared deviations; biased
 * variance); rstd = 1/sqrt(var + eps); xhat = (x - mean) * rstd.
 *
 * <p>Backward, per normalised segment of N values with dxhat = gradOut * gamma:
 * gradX = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)). Layer norm adds
 * gradOut * xhat and gradOut into gradGamma / gradBeta row by row; group norm sums them per
 * channel (over batch, then spatial) and adds the sum.
 */
public final class ScalarNormalization implements NormalizationKernels {
    /** The reference (stateless, single-threaded). */
    public static final ScalarNormalization INSTANCE = new ScalarNormalization();
    private ScalarNormalization() {}

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        NormalizationKernels.Checks.softmax(rows, cols, x, xOff, out, outOff);
        for (int i = 0; i < rows; i++) {
            int xr = xOff + i * cols;
            int or = outOff + i * cols;
            float m = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x[xr + j]);
            }
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(x[xr + j] - m);
                out[or + j] = e;
                sum += e;
            }
            for (int j = 0; j < cols; j++) {
                out[or + j] = out[or + j] / sum;
            }
        }
    }

    @Override
    public void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        NormalizationKernels.Checks.softmaxBackward(rows, cols, y, yOff, gradOut, gOff, gradIn, giOff);
        for (int i = 0; i < rows; i++) {
            int yr = yOff + i * cols;
            int gr = gOff + i * cols;
            int gir = giOff + i * cols;
            float dot = 0f;
            for (int j = 0; j < cols; j++) {
                dot += gradOut[gr + j] * y[yr + j];
            }
            for (int j = 0; j < cols; j++) {
                gradIn[gir + j] = y[yr + j] * (gradOut[gr + j] - dot);
            }
        }
    }

    @Override
    public void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        NormalizationKernels.Checks.layerNorm(rows, cols, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
        for (int i = 0; i < rows; i++) {
            int xr = xOff + i * cols;
            int or = outOff + i * cols;
            float mu = mean(x, xr, cols);
            float r = rstd(variance(x, xr, cols, mu), eps);
            mean[i] = mu;
            rstd[i] = r;
            for (int j = 0; j < cols; j++) {
                float y = (x[xr + j] - mu) * r;
                if (gamma != null) {
                    y = y * gamma[j];
                }
                if (beta != null) {
                    y = y + beta[j];
                }
                out[or + j] = y;
            }
        }
    }

    @Override
    public void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        NormalizationKernels.Checks.layerNormBackward(rows, cols, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
        for (int i = 0; i < rows; i++) {
            int xr = xOff + i * cols;
            int gr = gOff + i * cols;
            int gxr = gxOff + i * cols;
            float mu = mean[i];
            float r = rstd[i];
            float sumD = 0f;
            float sumDX = 0f;
            for (int j = 0; j < cols; j++) {
                float xhat = (x[xr + j] - mu) * r;
                float d = gamma == null ? gradOut[gr + j] : gradOut[gr + j] * gamma[j];
                sumD += d;
                sumDX += d * xhat;
            }
            float a = sumD / cols;
            float b = sumDX / cols;
            for (int j = 0; j < cols; j++) {
                float xhat = (x[xr + j] - mu) * r;
                float d = gamma == null ? gradOut[gr + j] : gradOut[gr + j] * gamma[j];
                gradX[gxr + j] = (d - a - xhat * b) * r;
            }
            for (int j = 0; j < cols; j++) {
                float g = gradOut[gr + j];
                if (gradGamma != null) {
                    gradGamma[j] += g * ((x[xr + j] - mu) * r);
                }
                if (gradBeta != null) {
                    gradBeta[j] += g;
                }
            }
        }
    }

    @Override
    public void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        NormalizationKernels.Checks.groupNorm(batch, channels, spatial, groups, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
        int cpg = channels / groups;
        int len = cpg * spatial;
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < groups; g++) {
                int seg = (b * channels + g * cpg) * spatial;
                float mu = mean(x, xOff + seg, len);
                float r = rstd(variance(x, xOff + seg, len, mu), eps);
                mean[b * groups + g] = mu;
                rstd[b * groups + g] = r;
                for (int c = g * cpg; c < (g + 1) * cpg; c++) {
                    int row = (b * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        float y = (x[xOff + row + s] - mu) * r;
                        if (gamma != null) {
                            y = y * gamma[c];
                        }
                        if (beta != null) {
                            y = y + beta[c];
                        }
                        out[outOff + row + s] = y;
                    }
                }
            }
        }
    }

    @Override
    public void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        NormalizationKernels.Checks.groupNormBackward(batch, channels, spatial, groups, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
        int cpg = channels / groups;
        int len = cpg * spatial;
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < groups; g++) {
                float mu = mean[b * groups + g];
                float r = rstd[b * groups + g];
                float sumD = 0f;
                float sumDX = 0f;
                for (int c = g * cpg; c < (g + 1) * cpg; c++) {
                    int row = (b * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        float xhat = (x[xOff + row + s] - mu) * r;
                        float d = gamma == null ? gradOut[gOff + row + s] : gradOut[gOff + row + s] * gamma[c];
                        sumD += d;
                        sumDX += d * xhat;
                    }
                }
                float a = sumD / len;
                float bb = sumDX / len;
                for (int c = g * cpg; c < (g + 1) * cpg; c++) {
                    int row = (b * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        float xhat = (x[xOff + row + s] - mu) * r;
                        float d = gamma == null ? gradOut[gOff + row + s] : gradOut[gOff + row + s] * gamma[c];
                        gradX[gxOff + row + s] = (d - a - xhat * bb) * r;
                    }
                }
            }
        }
        if (gradGamma == null && gradBeta == null) {
            return;
        }
        for (int c = 0; c < channels; c++) {
            float sumG = 0f;
            float sumB = 0f;
            for (int b = 0; b < batch; b++) {
                int stat = b * groups + c / cpg;
                float mu = mean[stat];
                float r = rstd[stat];
                int row = (b * channels + c) * spatial;
                for (int s = 0; s < spatial; s++) {
                    float g = gradOut[gOff + row + s];
                    sumG += g * ((x[xOff + row + s] - mu) * r);
                    sumB += g;
                }
            }
            if (gradGamma != null) {
                gradGamma[c] += sumG;
            }
            if (gradBeta != null) {
                gradBeta[c] += sumB;
            }
        }
    }

    /** Mean of n floats (0 for n = 0). */
    private static float mean(float[] x, int off, int n) {
        if (n == 0) {
            return 0f;
        }
        float s = 0f;
        for (int j = 0; j < n; j++) {
            s += x[off + j];
        }
        return s / n;
    }

    /** Biased variance of n floats around mu (0 for n = 0). */
    private static float variance(float[] x, int off, int n, float mu) {
        if (n == 0) {
            return 0f;
        }
        float s = 0f;
        for (int j = 0; j < n; j++) {
            float d = x[off + j] - mu;
            s += d * d;
        }
        return s / n;
    }

    /** 1 / sqrt(var + eps) in float; shared by both backends so the formula is one place. */
    static float rstd(float var, float eps) {
        return 1f / (float) Math.sqrt(var + eps);
    }
}
