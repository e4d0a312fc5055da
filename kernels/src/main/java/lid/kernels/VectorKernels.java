package lid.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * The CPU SIMD backend on the JDK Vector API ({@link FloatVector#SPECIES_PREFERRED} lanes),
 * multithreaded over the shared {@link Parallel} pool. Each kernel has a scalar twin in
 * {@link ScalarKernels}; differential tests hold them together.
 */
public final class VectorKernels implements Kernels {

    private final Parallel par;

    /** threads: 0 = one per processor. */
    public VectorKernels(int threads) {
        this.par = Parallel.of(threads);
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
    public void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
        VectorElementwise.unary(par, op, n, x, xOff, out, outOff);
    }

    @Override
    public void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        VectorElementwise.unaryBackward(par, op, n, x, xOff, gradOut, gOff, gradIn, giOff);
    }

    @Override
    public void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        VectorElementwise.binary(par, op, n, x, xOff, y, yOff, out, outOff);
    }

    @Override
    public void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        VectorElementwise.binaryRows(par, op, rows, cols, x, xOff, v, vOff, out, outOff);
    }

    @Override
    public void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        VectorElementwise.binaryCols(par, op, rows, cols, x, xOff, v, vOff, out, outOff);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        VectorElementwise.axpy(par, n, alpha, x, xOff, y, yOff);
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        VectorElementwise.scale(par, n, alpha, x, xOff, out, outOff);
    }

    @Override
    public void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        VectorElementwise.clamp(par, n, lo, hi, x, xOff, out, outOff);
    }

    @Override
    public void fill(int n, float value, float[] out, int outOff) {
        VectorElementwise.fill(par, n, value, out, outOff);
    }

    @Override
    public float reduce(ReduceOp op, int n, float[] x, int xOff) {
        return VectorReductions.reduce(par, op, n, x, xOff);
    }

    @Override
    public void reduceRows(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        VectorReductions.reduceRows(par, op, rows, cols, x, xOff, out, outOff);
    }

    @Override
    public void reduceCols(ReduceOp op, int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        VectorReductions.reduceCols(par, op, rows, cols, x, xOff, out, outOff);
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        return VectorReductions.dot(par, n, x, xOff, y, yOff);
    }

    @Override
    public float norm2(int n, float[] x, int xOff) {
        return VectorReductions.norm2(par, n, x, xOff);
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        VectorNormalization.softmaxRows(par, rows, cols, x, xOff, out, outOff);
    }

    @Override
    public void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        VectorNormalization.softmaxRowsBackward(par, rows, cols, y, yOff, gradOut, gOff, gradIn, giOff);
    }

    @Override
    public void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        VectorNormalization.layerNorm(par, rows, cols, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
    }

    @Override
    public void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        VectorNormalization.layerNormBackward(par, rows, cols, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
    }

    @Override
    public void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff, float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        VectorNormalization.groupNorm(par, batch, channels, spatial, groups, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
    }

    @Override
    public void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        VectorNormalization.groupNormBackward(par, batch, channels, spatial, groups, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff, gradGamma, gradBeta);
    }

    @Override
    public void im2col(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] image, int imOff, float[] col, int colOff) {
        VectorConvolution.im2col(par, channels, height, width, kh, kw, strideH, strideW, padH, padW, image, imOff, col, colOff);
    }

    @Override
    public void col2im(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH, int padW, float[] col, int colOff, float[] image, int imOff) {
        VectorConvolution.col2im(par, channels, height, width, kh, kw, strideH, strideW, padH, padW, col, colOff, image, imOff);
    }

    @Override
    public void randomUniform(long seed, long stream, long offset, int n, float[] out, int outOff) {
        VectorRandom.randomUniform(par, seed, stream, offset, n, out, outOff);
    }

    @Override
    public void randomNormal(long seed, long stream, long offset, int n, float[] out, int outOff) {
        VectorRandom.randomNormal(par, seed, stream, offset, n, out, outOff);
    }

    @Override
    public void randomRademacher(long seed, long stream, long offset, int n, float[] out, int outOff) {
        VectorRandom.randomRademacher(par, seed, stream, offset, n, out, outOff);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        VectorGemm.sgemm(par, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void sgemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda, int strideA, float[] b, int bOff, int ldb, int strideB, float beta, float[] c, int cOff, int ldc, int strideC) {
        VectorGemm.sgemmBatched(par, batch, transA, transB, m, n, k, alpha, a, aOff, lda, strideA, b, bOff, ldb, strideB, beta, c, cOff, ldc, strideC);
    }

    @Override
    public void sgemv(boolean transA, int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        VectorGemm.sgemv(par, transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public void adamUpdate(int n, float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                           float beta1, float beta2, float eps, float stepSize, float invSqrtBc2, float shrink, float l2) {
        VectorOptimizer.adamUpdate(par, n, p, pOff, g, gOff, m, mOff, v, vOff, beta1, beta2, eps, stepSize, invSqrtBc2, shrink, l2);
    }

    @Override
    public void qgemv(QuantizedMatrix w, float[] x, int xOff, float beta, float[] y, int yOff) {
        VectorQuant.qgemv(par, w, x, xOff, beta, y, yOff);
    }

    @Override
    public void qmatmul(boolean transW, int m, QuantizedMatrix w, float[] x, int xOff, int ldx, float beta,
                        float[] y, int yOff, int ldy) {
        VectorQuant.qmatmul(par, transW, m, w, x, xOff, ldx, beta, y, yOff, ldy);
    }
}
