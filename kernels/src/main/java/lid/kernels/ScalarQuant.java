package lid.kernels;

/**
 * Reference products with quantized weights: plain loops over {@link QuantizedMatrix#get}
 * (dequantize each weight, multiply, add in order). W is [rows, cols].
 */
public final class ScalarQuant implements QuantizedKernels {
    /** The reference (stateless, single-threaded). */
    public static final ScalarQuant INSTANCE = new ScalarQuant();
    private ScalarQuant() {}

    /** y[r] = sum_c W[r,c] x[c] + beta y[r]. */
    @Override
    public void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff) {
        QuantizedKernels.Checks.gemv(w, x, xOff, y, yOff);
        for (int r = 0; r < w.rows(); r++) {
            float acc = 0f;
            for (int c = 0; c < w.cols(); c++) {
                acc += w.get(r, c) * x[xOff + c];
            }
            y[yOff + r] = beta == 0f ? acc : acc + beta * y[yOff + r];
        }
    }

    /**
     * transW: Y[m, rows] = X[m, cols] W^T + beta Y (a Linear layer's forward);
     * otherwise Y[m, cols] = X[m, rows] W + beta Y (its input gradient).
     */
    @Override
    public void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float beta,
                               float[] y, int yOff, int ldy) {
        QuantizedKernels.Checks.matmul(transW, m, w, x, xOff, ldx, y, yOff, ldy);
        int n = transW ? w.rows() : w.cols();
        int k = transW ? w.cols() : w.rows();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    float wv = transW ? w.get(j, p) : w.get(p, j);
                    acc += x[xOff + i * ldx + p] * wv;
                }
                int yi = yOff + i * ldy + j;
                y[yi] = beta == 0f ? acc : acc + beta * y[yi];
            }
        }
    }
}
