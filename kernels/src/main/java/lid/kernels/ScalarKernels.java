package lid.kernels;

/**
 * The reference backend: plain single-threaded loops, written to be obviously right. Every
 * fast kernel is tested against it; it is also the fallback when the Vector API is missing.
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
    public void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
        ScalarElementwise.unary(op, n, x, xOff, out, outOff);
    }

    @Override
    public void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        ScalarElementwise.unaryBackward(op, n, x, xOff, gradOut, gOff, gradIn, giOff);
    }

    @Override
    public void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        ScalarElementwise.binary(op, n, x, xOff, y, yOff, out, outOff);
    }

    @Override
    public void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        ScalarElementwise.binaryRows(op, rows, cols, x, xOff, v, vOff, out, outOff);
    }

    @Override
    public void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        ScalarElementwise.binaryCols(op, rows, cols, x, xOff, v, vOff, out, outOff);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        ScalarElementwise.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        ScalarElementwise.scale(n, alpha, x, xOff, out, outOff);
    }

    @Override
    public void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        ScalarElementwise.clamp(n, lo, hi, x, xOff, out, outOff);
    }

    @Override
    public void fill(int n, float value, float[] out, int outOff) {
        ScalarElementwise.fill(n, value, out, outOff);
    }

    @Override
    public float reduce(ReduceOp op, int n, float[] x, int xOff) {
        return ScalarReductions.reduce(op, n, x, xOff);
    }

    @Override
    public void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        ScalarReductions.reduceRows(op, rows, cols, x, xOff, out, outOff);
    }

    @Override
    public void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        ScalarReductions.reduceCols(op, rows, cols, x, xOff, out, outOff);
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        return ScalarReductions.dot(n, x, xOff, y, yOff);
    }

    @Override
    public float norm2(int n, float[] x, int xOff) {
        return ScalarReductions.norm2(n, x, xOff);
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        ScalarNormalization.softmaxRows(rows, cols, x, xOff, out, outOff);
    }

    @Override
    public void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        ScalarNormalization.softmaxRowsBackward(rows, cols, y, yOff, gradOut, gOff, gradIn, giOff);
    }

    @Override
    public void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        ScalarNormalization.layerNorm(rows, cols, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
    }

    @Override
    public void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        ScalarNormalization.layerNormBackward(rows, cols, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
    }

    @Override
    public void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        ScalarNormalization.groupNorm(batch, channels, spatial, groups, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
    }

    @Override
    public void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        ScalarNormalization.groupNormBackward(batch, channels, spatial, groups, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
    }

    @Override
    public void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] image, int imOff, float[] col, int colOff) {
        ScalarConvolution.im2col(channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
    }

    @Override
    public void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] col, int colOff, float[] image, int imOff) {
        ScalarConvolution.col2im(channels, height, width, kh, kw, strideH, strideW, padH, padW, col, colOff, image, imOff);
    }

    @Override
    public void randomUniform(long seed, long stream, long offset, int n, float[] out, int outOff) {
        ScalarRandom.randomUniform(seed, stream, offset, n, out, outOff);
    }

    @Override
    public void randomNormal(long seed, long stream, long offset, int n, float[] out, int outOff) {
        ScalarRandom.randomNormal(seed, stream, offset, n, out, outOff);
    }

    @Override
    public void randomRademacher(long seed, long stream, long offset, int n, float[] out, int outOff) {
        ScalarRandom.randomRademacher(seed, stream, offset, n, out, outOff);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        ScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB, float beta, float[] c, int cOff, int ldc, int strideC) {
        ScalarGemm.sgemmBatched(batch, transA, transB, m, n, k, alpha, a, aOff, lda, strideA, b, bOff, ldb, strideB, beta, c, cOff, ldc, strideC);
    }

    @Override
    public void sgemv(boolean transA, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        ScalarGemm.sgemv(transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                           float beta1, float beta2, float eps, float stepSize, float invSqrtBc2, float shrink, float l2) {
        ScalarOptimizer.adamUpdate(n, p, pOff, g, gOff, m, mOff, v, vOff, beta1, beta2, eps, stepSize, invSqrtBc2, shrink, l2);
    }

    @Override
    public void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff) {
        ScalarQuant.qgemv(w, x, xOff, beta, y, yOff);
    }

    @Override
    public void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float beta,
                        float[] y, int yOff, int ldy) {
        ScalarQuant.qmatmul(transW, m, w, x, xOff, ldx, beta, y, yOff, ldy);
    }
}
