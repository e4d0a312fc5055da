package lid.estimators.classical;

import java.util.List;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.BruteForceKnn;
import lid.estimators.knn.KnnGraph;
import lid.estimators.math.Brent;

/**
 * MiND_ML (Rozza et al. 2012; skdim {@code MiND_ML}): with rho_i = R_1 / R_(k+1), the
 * log-likelihood l(d) = N ln(k d) + (d - 1) sum ln rho_i + (k - 1) sum ln(1 - rho_i^d);
 * MLi = integer argmax on 1..D, MLk = the continuous maximiser on (0, D] (the root of l', which
 * is decreasing; skdim runs L-BFGS-B to the same point within 1e-9).
 *
 * <p>Deviation: D defaults to the ambient dimension; skdim's default D = 10 caps every estimate
 * at 10 ({@code skdim=true}).
 */
public final class MindMl extends BaseEstimator {
    public MindMl() {
        super("mind",
                "MiND maximum likelihood on the ratio R_1/R_(k+1) (Rozza et al.; skdim MiND_ML)",
                List.of(Local.k("20", "neighbours (the ratio uses the (k+1)-th)"),
                        new ParamInfo("D", lid.datasets.spec.ParamType.INT, null, "10", List.of(), 1.0, null,
                                "largest dimension considered; default the ambient dimension"),
                        ParamInfo.choice("ver", "MLk", "MLk: continuous maximiser, MLi: integer argmax", "MLk", "MLi"),
                        Local.pw(), Local.nbhd(), Local.skdimFlag()));
    }

    @Override
    public int neighbours(Params o) {
        return o.flag("pw") ? o.integer("nbhd") : o.integer("k") + 1;
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        int k = o.integer("k");
        int dmax = o.integerOr("D", in.dim());
        boolean integer = o.choice("ver").equals("MLi");
        KnnGraph all = in.knnAll(k + 1);
        double global = estimate(rhos(all), k, dmax, integer);
        double[] pw = Local.onPatches(in, o, k + 2, "k+1=" + (k + 1) + " neighbours", (p, m) ->
                estimate(rhos(BruteForceKnn.compute(p, m, in.dim(), k + 1)), k, dmax, integer));
        return new EstimatorResult(o.spec(), pw, global);
    }

    static double estimate(double[] rhos, int k, int dmax, boolean integer) {
        int mli = mli(rhos, k, dmax);
        return integer ? mli : mlk(rhos, k, dmax);
    }

    /** rho_i = R_1 / R_(k+1) from a (k+1)-NN graph. */
    static double[] rhos(KnnGraph g) {
        double[] r = new double[g.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = g.distance(i, 0) / g.distance(i, g.k() - 1);
        }
        return r;
    }

    static double logLikelihood(double d, double[] rhos, int k) {
        int n = rhos.length;
        double sl = 0;
        double s1 = 0;
        for (double r : rhos) {
            sl += Math.log(r);
            s1 += Math.log(1 - Math.pow(r, d));
        }
        return n * Math.log(k * d) + (d - 1) * sl + (k - 1) * s1;
    }

    static double derivative(double d, double[] rhos, int k) {
        double s = 0;
        for (double r : rhos) {
            double lr = Math.log(r);
            double rd = Math.pow(r, d);
            s += lr - (k - 1) * rd * lr / (1 - rd);
        }
        return rhos.length / d + s;
    }

    /** Integer argmax of the likelihood on 1..dmax (the first on ties, as numpy's argmax). */
    static int mli(double[] rhos, int k, int dmax) {
        int best = 1;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int d = 1; d <= dmax; d++) {
            double v = logLikelihood(d, rhos, k);
            if (Double.isNaN(v)) {
                return d; // numpy's argmax stops at the first NaN
            }
            if (v > bestV) {
                bestV = v;
                best = d;
            }
        }
        return best;
    }

    /** The maximiser on (0, dmax]: the root of the (decreasing) derivative, or dmax. */
    static double mlk(double[] rhos, int k, int dmax) {
        double hi = dmax;
        double fhi = derivative(hi, rhos, k);
        if (Double.isNaN(fhi)) {
            return Double.NaN;
        }
        if (fhi >= 0) {
            return hi;
        }
        double lo = hi / 2;
        double flo = derivative(lo, rhos, k);
        for (int i = 0; i < 2000 && !(flo > 0); i++) {
            if (Double.isNaN(flo)) {
                return Double.NaN;
            }
            hi = lo;
            lo /= 2;
            flo = derivative(lo, rhos, k);
        }
        if (!(flo > 0)) {
            return Double.NaN;
        }
        return Brent.root(d -> derivative(d, rhos, k), lo, hi, 1e-13);
    }
}
