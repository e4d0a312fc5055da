package lid.estimators.math;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * PCA spectra: the eigenvalues of the sample covariance (denominator m - 1) of m points in
 * R^dim, largest first, min(m, dim) of them including zeros, as sklearn's
 * {@code PCA().explained_variance_} returns them. Computed from the dim x dim covariance, or the
 * m x m Gram matrix when m < dim (same non-zero eigenvalues).
 *
 * <p>Eigenvalues below the rounding level of the decomposition (|lambda| <= 8 m' eps lambda_1,
 * m' the matrix size) are set to exactly 0: an SVD returns such values as noise of either sign,
 * and rules like maxgap's lambda_i / lambda_(i+1) would otherwise pick a ratio of two noise values.
 */
public final class Spectra {
    private Spectra() {}

    /** Covariance eigenvalues of the rows of x [m, dim], descending. */
    public static double[] covarianceEigenvalues(double[] x, int m, int dim) {
        int r = Math.min(m, dim);
        if (m < 2) {
            double[] nan = new double[r];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        double[] c = centred(x, m, dim);
        int size = m < dim ? m : dim;
        DMatrixRMaj g = new DMatrixRMaj(size, size);
        if (m < dim) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int t = 0; t < dim; t++) {
                        s += c[i * dim + t] * c[j * dim + t];
                    }
                    g.set(i, j, s);
                    g.set(j, i, s);
                }
            }
        } else {
            double[] acc = new double[dim * dim];
            for (int i = 0; i < m; i++) {
                int o = i * dim;
                for (int a = 0; a < dim; a++) {
                    double va = c[o + a];
                    if (va == 0) {
                        continue;
                    }
                    int row = a * dim;
                    for (int b = 0; b <= a; b++) {
                        acc[row + b] += va * c[o + b];
                    }
                }
            }
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b <= a; b++) {
                    g.set(a, b, acc[a * dim + b]);
                    g.set(b, a, acc[a * dim + b]);
                }
            }
        }
        double[] ev = symmetricEigenvalues(g);
        double[] out = new double[r];
        for (int i = 0; i < r; i++) {
            out[i] = ev[i] / (m - 1);
        }
        double tol = 8.0 * size * Math.ulp(1.0) * Math.abs(out[0]);
        for (int i = 0; i < r; i++) {
            if (Math.abs(out[i]) <= tol) {
                out[i] = 0;
            }
        }
        return out;
    }

    /** The rows of x [m, dim] minus their mean, as a new array. */
    public static double[] centred(double[] x, int m, int dim) {
        double[] mean = new double[dim];
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < dim; t++) {
                mean[t] += x[i * dim + t];
            }
        }
        for (int t = 0; t < dim; t++) {
            mean[t] /= m;
        }
        double[] c = new double[m * dim];
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < dim; t++) {
                c[i * dim + t] = x[i * dim + t] - mean[t];
            }
        }
        return c;
    }

    /** Eigenvalues of a symmetric matrix, descending (the matrix is overwritten). */
    public static double[] symmetricEigenvalues(DMatrixRMaj g) {
        int size = g.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(size, false, true);
        if (!eig.decompose(g)) {
            throw new ArithmeticException("symmetric eigendecomposition did not converge (size " + size + ")");
        }
        double[] ev = new double[size];
        for (int i = 0; i < size; i++) {
            ev[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(ev);
        for (int i = 0; i < size / 2; i++) {
            double t = ev[i];
            ev[i] = ev[size - 1 - i];
            ev[size - 1 - i] = t;
        }
        return ev;
    }
}
