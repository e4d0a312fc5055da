package lid.datasets.generators;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Dense linear algebra for the generators (EJML); matrices are row-major double[]. */
public final class Linalg {
    private Linalg() {}

    /** A thin SVD a = U diag(s) V^T with s descending; u: [rows, k], v: [cols, k], k = min(rows, cols). */
    public record Svd(int rows, int cols, double[] u, double[] s, double[] v) {}

    /**
     * A random matrix with orthonormal columns, [rows, cols] (rows >= cols), distributed as the
     * first cols columns of a Haar-random rotation: Q of the QR of a Gaussian matrix with the
     * signs fixed so that diag(R) > 0.
     */
    public static double[] randomOrthonormal(int rows, int cols, Rng rng) {
        if (cols > rows) {
            throw new IllegalArgumentException("cannot have " + cols + " orthonormal columns in R^" + rows);
        }
        double[] q = orthonormalize(gaussian(rows, cols, rng), rows, cols);
        return q;
    }

    /** Q of the QR of a [rows, cols] (rows >= cols) with diag(R) > 0. */
    public static double[] orthonormalize(double[] a, int rows, int cols) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
        if (!qr.decompose(new DMatrixRMaj(rows, cols, true, a))) {
            throw new IllegalStateException("QR failed");
        }
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        double[] out = q.data.clone();
        for (int j = 0; j < cols; j++) {
            if (r.get(j, j) < 0) {
                for (int i = 0; i < rows; i++) {
                    out[i * cols + j] = -out[i * cols + j];
                }
            }
        }
        return out;
    }

    /** A [rows, cols] matrix of independent N(0, 1) entries from one new stream. */
    public static double[] gaussian(int rows, int cols, Rng rng) {
        float[] g = rng.normal(rows * cols);
        double[] a = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            a[i] = g[i];
        }
        return a;
    }

    /** The thin SVD of a: [rows, cols], singular values descending. */
    public static Svd svd(double[] a, int rows, int cols) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, true, true, true);
        if (!svd.decompose(new DMatrixRMaj(rows, cols, true, a))) {
            throw new IllegalStateException("SVD failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        int k = Math.min(rows, cols);
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = w.get(i, i);
        }
        return new Svd(rows, cols, columns(u, k), s, columns(v, k));
    }

    /** U V^T of the thin SVD of a: [rows, cols] (rows >= cols), the orthonormal "polar" factor. */
    public static double[] polar(double[] a, int rows, int cols) {
        Svd s = svd(a, rows, cols);
        return multiplyTransposed(s.u(), rows, cols, s.v(), cols);
    }

    /** a: [m, k] times b^T where b: [n, k]; returns [m, n]. */
    public static double[] multiplyTransposed(double[] a, int m, int k, double[] b, int n) {
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        CommonOps_DDRM.multTransB(new DMatrixRMaj(m, k, true, a), new DMatrixRMaj(n, k, true, b), c);
        return c.data;
    }

    /** a: [m, k] times b: [k, n]; returns [m, n]. */
    public static double[] multiply(double[] a, int m, int k, double[] b, int n) {
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(new DMatrixRMaj(m, k, true, a), new DMatrixRMaj(k, n, true, b), c);
        return c.data;
    }

    /** The first k columns of m as a row-major [rows, k] array. */
    private static double[] columns(DMatrixRMaj m, int k) {
        double[] out = new double[m.numRows * k];
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = m.get(i, j);
            }
        }
        return out;
    }
}
