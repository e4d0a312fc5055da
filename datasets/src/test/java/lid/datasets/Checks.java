package lid.datasets;

import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Linear-algebra and statistics helpers for the dataset tests. */
public final class Checks {
    private Checks() {}

    /** Singular values (descending) of a: [rows, cols]. */
    public static double[] singularValues(double[] a, int rows, int cols) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
        if (!svd.decompose(new DMatrixRMaj(rows, cols, true, a))) {
            throw new IllegalStateException("SVD failed");
        }
        double[] s = svd.getSingularValues().clone();
        java.util.Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return java.util.Arrays.copyOf(s, Math.min(rows, cols));
    }

    /** Numerical rank: singular values above relTol times the largest. */
    public static int rank(double[] a, int rows, int cols, double relTol) {
        double[] s = singularValues(a, rows, cols);
        int r = 0;
        for (double v : s) {
            if (v > relTol * s[0]) {
                r++;
            }
        }
        return r;
    }

    /** The rows of component c, centred on their mean, as a double matrix [m, dim]; m returned in out[0]. */
    public static double[] centredRows(Dataset ds, int c, int[] count) {
        int m = 0;
        for (int k : ds.component()) {
            m += k == c ? 1 : 0;
        }
        double[] rows = new double[m * ds.dim()];
        double[] mean = new double[ds.dim()];
        int at = 0;
        for (int i = 0; i < ds.n(); i++) {
            if (ds.component()[i] == c) {
                for (int j = 0; j < ds.dim(); j++) {
                    rows[at * ds.dim() + j] = ds.get(i, j);
                    mean[j] += ds.get(i, j);
                }
                at++;
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < ds.dim(); j++) {
                rows[i * ds.dim() + j] -= mean[j] / m;
            }
        }
        count[0] = m;
        return rows;
    }

    public static double[] columnMeans(Dataset ds) {
        double[] m = new double[ds.dim()];
        for (int i = 0; i < ds.n(); i++) {
            for (int j = 0; j < ds.dim(); j++) {
                m[j] += ds.get(i, j);
            }
        }
        for (int j = 0; j < ds.dim(); j++) {
            m[j] /= ds.n();
        }
        return m;
    }

    /** Unbiased column standard deviations. */
    public static double[] columnStds(Dataset ds) {
        double[] m = columnMeans(ds);
        double[] s = new double[ds.dim()];
        for (int i = 0; i < ds.n(); i++) {
            for (int j = 0; j < ds.dim(); j++) {
                double d = ds.get(i, j) - m[j];
                s[j] += d * d;
            }
        }
        for (int j = 0; j < ds.dim(); j++) {
            s[j] = Math.sqrt(s[j] / (ds.n() - 1));
        }
        return s;
    }

    /** Central finite-difference Jacobian of f at z: [out, in] row-major. */
    public static double[] jacobian(Function<double[], double[]> f, double[] z, double h) {
        int in = z.length;
        int out = f.apply(z).length;
        double[] j = new double[out * in];
        for (int b = 0; b < in; b++) {
            double[] zp = z.clone();
            double[] zm = z.clone();
            zp[b] += h;
            zm[b] -= h;
            double[] fp = f.apply(zp);
            double[] fm = f.apply(zm);
            for (int a = 0; a < out; a++) {
                j[a * in + b] = (fp[a] - fm[a]) / (2 * h);
            }
        }
        return j;
    }

    /** Euclidean norm of row i over columns [from, to). */
    public static double norm(Dataset ds, int i, int from, int to) {
        double s = 0;
        for (int j = from; j < to; j++) {
            s += (double) ds.get(i, j) * ds.get(i, j);
        }
        return Math.sqrt(s);
    }

    /**
     * The per-column affine map scaled = (raw - shift) / divisor that takes raw to scaled (same
     * points before and after a scaling): {shift[], divisor[]} by least squares per column (a
     * constant raw column gives divisor 1 and shift = its value minus the scaled value).
     */
    public static double[][] columnMap(Dataset raw, Dataset scaled) {
        int n = raw.n(), dim = raw.dim();
        double[] shift = new double[dim], divisor = new double[dim];
        for (int j = 0; j < dim; j++) {
            double mr = 0, ms = 0;
            for (int i = 0; i < n; i++) {
                mr += raw.get(i, j);
                ms += scaled.get(i, j);
            }
            mr /= n;
            ms /= n;
            double sxy = 0, sxx = 0;
            for (int i = 0; i < n; i++) {
                sxy += (raw.get(i, j) - mr) * (scaled.get(i, j) - ms);
                sxx += (raw.get(i, j) - mr) * (raw.get(i, j) - mr);
            }
            if (sxx == 0) {
                divisor[j] = 1;
                shift[j] = mr - ms;
                continue;
            }
            double slope = sxy / sxx; // scaled = slope * raw + intercept
            divisor[j] = 1 / slope;
            shift[j] = mr - ms / slope;
        }
        return new double[][] {shift, divisor};
    }
}
