package lid.estimators.classical;

import java.util.List;
import lid.datasets.generators.Rng;
import lid.datasets.generators.Spheres;
import lid.estimators.BaseEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.ParamType;
import lid.datasets.spec.Params;
import lid.estimators.StagedEstimator;
import lid.estimators.knn.ExactKnn;
import lid.estimators.knn.KnnGraph;
import lid.estimators.math.GridSpline;
import lid.estimators.math.Special;
import lid.kernels.Parallel;

/**
 * DANCo (Ceruti et al. 2014; skdim {@code DANCo}; math.md 5.1): the MiND_MLk estimate and the
 * von Mises concentration of the angles between each point's k nearest neighbours are compared,
 * by Kullback-Leibler divergence, with the same statistics of uniform d-balls of the same size
 * (calibration, d = 1..D); the dimension minimises the divergence, made fractional by minimising
 * the spline through the divergences (fractal=true).
 *
 * <p>Artifact: the data's statistics (global and per query neighbourhood) and the calibration
 * statistics, cached per (k, N, D, seed); the KL minimisation is the final step.
 *
 * <p>Deviations: calibration balls come from the project's Philox streams (input seed, then one
 * stream per d), not NumPy's; calibration MiND uses D_max = 2d + 5 as the method's R reference
 * does, while skdim 0.3.4 passes k there by position ({@code skdim=true}); angle cosines are
 * clipped to [-1, 1] (skdim clips only above 1, so rounding can give NaN); the fractal minimum is
 * the exact minimum of the spline on [d - 1, d + 1] around the integer minimiser d (skdim runs
 * L-BFGS-B with tol 1e-3 from d; ambient dimension 3 uses the cubic spline instead of scipy's
 * quadratic one).
 */
public final class Danco extends BaseEstimator implements StagedEstimator<Danco.Artifact> {
    public Danco() {
        super("danco",
                "DANCo: KL between MiND and neighbour-angle statistics and calibration balls (Ceruti et al.; skdim DANCo)",
                List.of(Local.k("10", "neighbours per point").range(2.0, null),
                        new ParamInfo("D", ParamType.INT, null, null, List.of(), 1.0, null,
                                "largest dimension considered; default the ambient dimension"),
                        ParamInfo.flag("fractal", "true", "fractional dimension from the spline through the KL values"),
                        ParamInfo.choice("ver", "DANCo", "DANCo, or its MiND estimates with the same k", "DANCo",
                                "MIND_MLi", "MIND_MLk"),
                        ParamInfo.flag("pw", "false", "also estimate on each query's neighbourhood (own calibration)"),
                        Local.nbhd(), Local.skdimFlag()));
    }

    /** Statistics of one data set: MiND estimates and mean von Mises parameters of the neighbour angles. */
    public record Stats(double mli, double dhat, double muNu, double muTau) {}

    /** Data statistics (global, per query or null) and calibration for the global and the neighbourhood size. */
    public record Artifact(Stats global, Stats[] pointwise, Stats[] calibration, Stats[] calibrationPatch) {}

    private record Key(int k, int dmax, boolean pw, int nbhd, boolean skdim) {}

    private record CalibrationKey(int k, int n, int dmax, boolean skdim, long seed) {}

    @Override
    public int neighbours(Params o) {
        return o.flag("pw") ? o.integer("nbhd") : o.integer("k") + 1;
    }

    @Override
    public Object artifactKey(Params o) {
        return new Key(o.integer("k"), o.isSet("D") ? o.integer("D") : -1, o.flag("pw"), o.integer("nbhd"), o.skdim());
    }

    @Override
    public Artifact computeArtifact(EstimationInput in, Params o) {
        int k = o.integer("k");
        int dim = in.dim();
        int dmax = o.integerOr("D", dim);
        boolean skdim = o.skdim();
        if (in.n() < k + 2) {
            throw new IllegalArgumentException("estimator '" + o.spec() + "': k+1=" + (k + 1) + " neighbours need at least "
                    + (k + 2) + " points; the data has " + in.n());
        }
        Stats global = statistics(in.data(), in.n(), dim, k, dmax, skdim, in.parallel());
        Stats[] cal = calibration(in, k, in.n(), dmax, skdim);
        if (!o.flag("pw")) {
            return new Artifact(global, null, cal, null);
        }
        int nb = o.integer("nbhd");
        int m = skdim ? nb : nb + 1;
        if (m < k + 2) {
            throw new IllegalArgumentException("estimator '" + o.spec() + "': a neighbourhood of " + m
                    + " points cannot give k+1=" + (k + 1) + " neighbours; raise nbhd");
        }
        Stats[] calPatch = calibration(in, k, m, dmax, skdim);
        KnnGraph g = in.knn(nb);
        Stats[] pw = new Stats[in.queryCount()];
        Local.perQuery(in, q -> {
            pw[q] = statistics(Local.patch(in, g, q, skdim), m, dim, k, dmax, skdim, Parallel.serial());
            return 0;
        });
        return new Artifact(global, pw, cal, calPatch);
    }

    @Override
    public EstimatorResult finish(EstimationInput in, Artifact a, Params o) {
        int k = o.integer("k");
        String ver = o.choice("ver");
        boolean fractal = o.flag("fractal");
        int ambient = in.dim();
        double global = dimension(a.global(), a.calibration(), k, ver, fractal, ambient);
        double[] pw = null;
        if (a.pointwise() != null) {
            pw = new double[a.pointwise().length];
            for (int q = 0; q < pw.length; q++) {
                pw[q] = dimension(a.pointwise()[q], a.calibrationPatch(), k, ver, fractal, ambient);
            }
        }
        return new EstimatorResult(o.spec(), pw, global);
    }

    private static Stats[] calibration(EstimationInput in, int k, int n, int dmax, boolean skdim) {
        return in.cache().get(new CalibrationKey(k, n, dmax, skdim, in.seed()), () -> {
            Stats[] cal = new Stats[dmax];
            for (int d = 1; d <= dmax; d++) {
                float[] ball = Spheres.ball(n, d, 1.0, Rng.of(in.seed(), lid.kernels.RandomKeys.Purpose.ESTIMATOR_OTHER).child(d));
                double[] x = new double[ball.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = ball[i];
                }
                cal[d - 1] = statistics(x, n, d, k, skdim ? k : 2 * d + 5, skdim, in.parallel());
            }
            return cal;
        });
    }

    /** The estimate from data statistics and calibration. */
    static double dimension(Stats s, Stats[] cal, int k, String ver, boolean fractal, int ambient) {
        if (ver.equals("MIND_MLi")) {
            return s.mli();
        }
        if (ver.equals("MIND_MLk")) {
            return s.dhat();
        }
        if (Double.isNaN(s.dhat()) || Double.isNaN(s.muNu()) || Double.isNaN(s.muTau())) {
            return Double.NaN;
        }
        int dmax = cal.length;
        double[] kl = new double[dmax];
        int de = 0;
        for (int d = 0; d < dmax; d++) {
            kl[d] = klDivergence(s, cal[d], k);
        }
        for (int d = 0; d < dmax; d++) {
            if (Double.isNaN(kl[d])) {
                de = d; // numpy's argmin stops at the first NaN
                break;
            }
            if (kl[d] < kl[de]) {
                de = d;
            }
        }
        de += 1;
        if (!fractal || dmax < 2 || ambient <= 2 || Double.isNaN(kl[de - 1])) {
            // a linear interpolant (ambient 2) has its minimum at the integer minimiser
            return de;
        }
        return new GridSpline(kl).argmin(de - 1, de + 1);
    }

    /** KL_d + KL_(nu, tau) between the data (nocal) and one calibration dimension. */
    static double klDivergence(Stats data, Stats cal, int k) {
        double hk = 0;
        for (int i = 1; i <= k; i++) {
            hk += 1.0 / i;
        }
        double quo = cal.dhat() / data.dhat();
        double sum = 0;
        double binom = 1;
        for (int i = 0; i <= k; i++) {
            double term = (i % 2 == 0 ? 1 : -1) * binom * Special.digamma(1 + i / quo);
            sum += term;
            binom = binom * (k - i) / (i + 1);
        }
        double kld = hk * quo - Math.log(quo) - (k - 1) * sum;
        double max = Double.MAX_VALUE;
        double i0cal = Math.min(max, Special.besselI0(cal.muTau()));
        double i0dat = Math.min(max, Special.besselI0(data.muTau()));
        double i1dat = Math.min(max, Special.besselI1(data.muTau()));
        double klnt = Math.log(i0cal / i0dat) + i1dat / i0dat * (data.muTau() - cal.muTau() * Math.cos(data.muNu() - cal.muNu()));
        return kld + klnt;
    }

    /** MiND estimates (D_max = dmax) and mean von Mises parameters of n points [n, dim]. */
    static Stats statistics(double[] x, int n, int dim, int k, int dmax, boolean skdim, Parallel parallel) {
        KnnGraph g = ExactKnn.compute(x, n, dim, k + 1, parallel);
        double[] rhos = MindMl.rhos(g);
        int mli = MindMl.mli(rhos, k, dmax);
        double mlk = MindMl.mlk(rhos, k, dmax);
        double nuSum = 0;
        double tauSum = 0;
        double[] vec = new double[k * dim];
        double[] len = new double[k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                int p = g.neighbour(i, a);
                double s = 0;
                for (int t = 0; t < dim; t++) {
                    double v = x[p * dim + t] - x[i * dim + t];
                    vec[a * dim + t] = v;
                    s += v * v;
                }
                len[a] = Math.sqrt(s);
            }
            double sumSin = 0;
            double sumCos = 0;
            int pairs = 0;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    double dot = 0;
                    for (int t = 0; t < dim; t++) {
                        dot += vec[a * dim + t] * vec[b * dim + t];
                    }
                    double c = dot / (len[a] * len[b]);
                    c = Math.min(c, 1);
                    if (!skdim) {
                        c = Math.max(c, -1);
                    }
                    double theta = Math.acos(c);
                    sumSin += Math.sin(theta);
                    sumCos += Math.cos(theta);
                    pairs++;
                }
            }
            double nu = Math.atan(sumSin / sumCos);
            double mc = sumCos / pairs;
            double ms = sumSin / pairs;
            double eta = Math.sqrt(mc * mc + ms * ms);
            nuSum += nu;
            tauSum += ainv(eta);
        }
        double muTau = dim == 1 ? 1 : tauSum / n;
        return new Stats(mli, mlk, nuSum / n, muTau);
    }

    /** Best and Fisher's approximation of the inverse of A(tau) = I1(tau) / I0(tau). */
    static double ainv(double eta) {
        if (eta < 0.53) {
            return 2 * eta + eta * eta * eta + 5 * Math.pow(eta, 5) / 6;
        } else if (eta < 0.85) {
            return -0.4 + 1.39 * eta + 0.43 / (1 - eta);
        }
        return 1 / (eta * eta * eta - 4 * eta * eta + 3 * eta);
    }
}
