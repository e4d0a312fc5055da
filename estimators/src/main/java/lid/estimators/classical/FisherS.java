package lid.estimators.classical;

import java.util.List;
import java.util.Map;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.KnnGraph;
import lid.estimators.math.Special;
import lid.estimators.math.Spectra;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Fisher separability (Albergante, Bac, Zinovyev 2019; skdim {@code FisherS}; math.md 5.3):
 * centre, keep the principal components with lambda_i / lambda_1 > 1 / conditional_number,
 * whiten, project onto the unit sphere; p_i(alpha) = #{j != i : <x_i, x_j> / <x_i, x_i> >= alpha} / n;
 * invert the mean p(alpha) against the sphere's inseparability probability with Lambert W, and
 * read the dimension at the alpha nearest 0.9 alpha_max (the largest alpha with a finite value;
 * the maximum on ties). Global on the data; pointwise on each query's neighbourhood.
 *
 * <p>The alpha grid is 0.60, 0.62, ..., 0.98 as decimals; {@code skdim=true} uses numpy's
 * {@code arange(0.6, 1, 0.02)} doubles (0.6 + i * 0.020000000000000018), which decides ties
 * between two alphas equally far from 0.9 alpha_max differently (fixtures.md: 0.82, not 0.80).
 */
public final class FisherS extends BaseEstimator {
    public FisherS() {
        super("fishers",
                "Fisher separability of the whitened, sphere-projected data (Albergante et al.; skdim FisherS)",
                List.of(
                        ParamInfo.real("conditional_number", "10", "keep PCs with eigenvalue > largest / this").range(1.0, null),
                        ParamInfo.flag("project_on_sphere", "true", "project the whitened data onto the unit sphere"),
                        ParamInfo.flag("limit_maxdim", "false", "cap the estimate at the ambient dimension"),
                        Local.pw(), Local.nbhd(), Local.skdimFlag()));
    }

    @Override
    public int neighbours(Params o) {
        return Local.patchNeighbours(o);
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        double cond = o.real("conditional_number");
        boolean sphere = o.flag("project_on_sphere");
        boolean skdim = o.skdim();
        double[] alphas = alphas(skdim);
        int dim = in.dim();
        double global = dimension(in.data(), in.n(), dim, cond, sphere, alphas, in);
        if (o.flag("limit_maxdim")) {
            global = Math.min(global, dim);
        }
        boolean limit = o.flag("limit_maxdim");
        double[] pw = Local.onPatches(in, o, 0, "", (p, m) -> {
            double v = dimension(p, m, dim, cond, sphere, alphas, null);
            return limit ? Math.min(v, dim) : v;
        });
        return new EstimatorResult(o.spec(), pw, global, Map.of());
    }

    /** The alpha grid: decimals, or numpy's arange doubles. */
    static double[] alphas(boolean skdim) {
        double[] a = new double[20];
        double step = (0.6 + 0.02) - 0.6;
        for (int i = 0; i < 20; i++) {
            a[i] = skdim ? 0.6 + i * step : (60 + 2 * i) / 100.0;
        }
        return a;
    }

    /** FisherS of m points [m, dim]; parallel over rows when an input is given. */
    static double dimension(double[] x, int m, int dim, double cond, boolean sphere, double[] alphas,
                            EstimationInput parallelOver) {
        if (m < 3) {
            return Double.NaN;
        }
        int[] rank = new int[1];
        double[] z = preprocess(x, m, dim, cond, sphere, rank);
        int r = rank[0];
        int na = alphas.length;
        long[] totals = new long[na];
        int chunk = 32;
        int parts = (m + chunk - 1) / chunk;
        long[][] partial = new long[parts][na];
        java.util.function.IntConsumer body = p -> {
            long[] cnt = partial[p];
            for (int i = p * chunk; i < Math.min(m, (p + 1) * chunk); i++) {
                double self = dot(z, i, i, r);
                for (int j = 0; j < m; j++) {
                    if (j == i) {
                        continue;
                    }
                    double ratio = dot(z, i, j, r) / self;
                    for (int a = 0; a < na && ratio >= alphas[a]; a++) {
                        cnt[a]++;
                    }
                }
            }
        };
        if (parallelOver != null) {
            parallelOver.parallel().forEach(parts, body);
        } else {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
        }
        for (long[] p : partial) {
            for (int a = 0; a < na; a++) {
                totals[a] += p[a];
            }
        }
        double[] n = new double[na];
        for (int a = 0; a < na; a++) {
            double py = (double) totals[a] / m / m;
            n[a] = inseparabilityDimension(py, alphas[a]);
        }
        return select(n, alphas);
    }

    private static double dot(double[] z, int i, int j, int r) {
        double s = 0;
        for (int t = 0; t < r; t++) {
            s += z[i * r + t] * z[j * r + t];
        }
        return s;
    }

    /** n with p = (1 - a^2)^((n-1)/2) / (a sqrt(2 pi n)): W0(-w / (2 pi p^2 a^2 (1 - a^2))) / -w, w = ln(1 - a^2). */
    static double inseparabilityDimension(double p, double alpha) {
        if (p == 0) {
            return Double.NaN;
        }
        double a2 = alpha * alpha;
        double w = Math.log(1 - a2);
        double v = Special.lambertW0(-(w / (2 * Math.PI * p * p * a2 * (1 - a2)))) / -w;
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    /** skdim's choice: the largest finite-dimension alpha, its 0.9 multiple, the nearest grid alphas, their max. */
    static double select(double[] n, double[] alphas) {
        double alphaMax = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n.length; a++) {
            if (!Double.isNaN(n[a])) {
                alphaMax = Math.max(alphaMax, alphas[a]);
            }
        }
        if (alphaMax == Double.NEGATIVE_INFINITY) {
            return Double.NaN; // every point separable for every alpha
        }
        double ref = alphaMax * 0.9;
        double minDist = Double.POSITIVE_INFINITY;
        for (double a : alphas) {
            minDist = Math.min(minDist, Math.abs(a - ref));
        }
        double best = Double.NaN;
        for (int a = 0; a < n.length; a++) {
            if (!Double.isNaN(n[a]) && Math.abs(alphas[a] - ref) == minDist) {
                best = Double.isNaN(best) ? n[a] : Math.max(best, n[a]);
            }
        }
        return best;
    }

    /** Centred, PCA-truncated, whitened (std ddof 1), optionally sphere-projected data [m, rank]. */
    static double[] preprocess(double[] x, int m, int dim, double cond, boolean sphere, int[] rankOut) {
        double[] c = Spectra.centred(x, m, dim);
        DMatrixRMaj a = DMatrixRMaj.wrap(m, dim, c);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, dim, true, true, true);
        if (!svd.decompose(a.copy())) {
            throw new ArithmeticException("SVD did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        int kmax = Math.min(w.numRows, w.numCols);
        double l0 = w.get(0, 0) * w.get(0, 0) / (m - 1);
        int r = 0;
        int[] keep = new int[kmax];
        for (int i = 0; i < kmax; i++) {
            double li = w.get(i, i) * w.get(i, i) / (m - 1);
            if (li / l0 > 1 / cond) {
                keep[r++] = i;
            }
        }
        double[] z = new double[m * r];
        for (int t = 0; t < r; t++) {
            int col = keep[t];
            double s = w.get(col, col);
            double mean = 0;
            for (int i = 0; i < m; i++) {
                z[i * r + t] = u.get(i, col) * s;
                mean += z[i * r + t];
            }
            mean /= m;
            double var = 0;
            for (int i = 0; i < m; i++) {
                double d = z[i * r + t] - mean;
                var += d * d;
            }
            double sd = Math.sqrt(var / (m - 1));
            for (int i = 0; i < m; i++) {
                z[i * r + t] /= sd;
            }
        }
        if (sphere) {
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int t = 0; t < r; t++) {
                    s += z[i * r + t] * z[i * r + t];
                }
                double norm = Math.sqrt(s);
                for (int t = 0; t < r; t++) {
                    z[i * r + t] /= norm;
                }
            }
        }
        rankOut[0] = r;
        return z;
    }
}
