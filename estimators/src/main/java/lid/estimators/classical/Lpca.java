package lid.estimators.classical;

import java.util.List;
import lid.estimators.BaseEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.StagedEstimator;
import lid.estimators.knn.KnnGraph;
import lid.estimators.math.Spectra;

/**
 * Local PCA (skdim {@code lPCA}): a rule on the covariance eigenvalues lambda_1 >= ... >= lambda_m
 * (m = min(N, D), denominator N - 1) of the whole data (global) and of each query's
 * neighbourhood (pointwise). The spectra are the cached artifact; the rule ({@code ver} and its
 * thresholds) is the cheap final step, so versions and thresholds sweep for free.
 *
 * <p>Rules (math.md 5): FO #{lambda_i > alphaFO lambda_1}; maxgap argmax lambda_i/lambda_(i+1);
 * ratio: fewest leading PCs whose share reaches alphaRatio; participation_ratio
 * (sum lambda)^2 / sum lambda^2; Kaiser #{lambda_i > mean lambda}; broken_stick: leading PCs
 * above the broken-stick share; Fan (Fan et al. 2010).
 *
 * <p>Deviations ({@code skdim=true} restores skdim's): broken_stick counts the leading PCs above
 * the stick (skdim returns that count + 1); alphaRatio defaults to 0.9 (skdim's 0.05 almost
 * always gives 1).
 */
public final class Lpca extends BaseEstimator implements StagedEstimator<Lpca.Artifact> {
    public Lpca() {
        super("lpca",
                "local PCA eigenvalue rules: FO, Fan, maxgap, ratio, participation ratio, Kaiser, broken stick (skdim lPCA)",
                List.of(
                        ParamInfo.choice("ver", "FO", "eigenvalue rule", "FO", "Fan", "maxgap", "ratio",
                                "participation_ratio", "Kaiser", "broken_stick"),
                        ParamInfo.real("alphaFO", "0.05", "FO: share of the largest eigenvalue").range(0.0, 1.0),
                        ParamInfo.real("alphaRatio", "0.9", "ratio: explained-variance share to reach").range(0.0, 1.0)
                                .skdim("0.05"),
                        ParamInfo.real("alphaFan", "10", "Fan: large-gap threshold").range(0.0, null),
                        ParamInfo.real("betaFan", "0.8", "Fan: total covariance threshold").range(0.0, 1.0),
                        ParamInfo.real("PFan", "0.95", "Fan: covariance share of the non-noise part").range(0.0, 1.0),
                        Local.pw(), Local.nbhd(), Local.skdimFlag()));
    }

    /** The global spectrum and one spectrum per query (null without pw). */
    public record Artifact(double[] global, double[][] pointwise) {}

    private record Key(boolean pw, int nbhd, boolean excludeCentre) {}

    @Override
    public int neighbours(Params o) {
        return Local.patchNeighbours(o);
    }

    @Override
    public Object artifactKey(Params o) {
        return new Key(o.flag("pw"), o.integer("nbhd"), o.skdim());
    }

    @Override
    public Artifact computeArtifact(EstimationInput in, Params o) {
        int dim = in.dim();
        double[] global = in.cache().get(new GlobalKey(), () -> Spectra.covarianceEigenvalues(in.data(), in.n(), dim));
        if (!o.flag("pw")) {
            return new Artifact(global, null);
        }
        int nb = o.integer("nbhd");
        boolean skdim = o.skdim();
        int m = skdim ? nb : nb + 1;
        KnnGraph g = in.knn(nb);
        double[][] pw = new double[in.queryCount()][];
        Local.perQuery(in, q -> {
            pw[q] = Spectra.covarianceEigenvalues(Local.patch(in, g, q, skdim), m, dim);
            return 0;
        });
        return new Artifact(global, pw);
    }

    private record GlobalKey() {}

    @Override
    public EstimatorResult finish(EstimationInput in, Artifact a, Params o) {
        double global = rule(a.global(), o);
        double[] pw = null;
        if (a.pointwise() != null) {
            pw = new double[a.pointwise().length];
            for (int q = 0; q < pw.length; q++) {
                pw[q] = rule(a.pointwise()[q], o);
            }
        }
        return new EstimatorResult(o.spec(), pw, global);
    }

    /** The dimension the chosen rule reads off a descending spectrum. */
    static double rule(double[] ev, Params o) {
        return switch (o.choice("ver")) {
            case "FO" -> fo(ev, o.real("alphaFO"));
            case "maxgap" -> maxgap(ev);
            case "ratio" -> ratio(ev, o.real("alphaRatio"));
            case "participation_ratio" -> participationRatio(ev);
            case "Kaiser" -> kaiser(ev);
            case "broken_stick" -> brokenStick(ev, o.skdim());
            case "Fan" -> fan(ev, o.real("alphaFan"), o.real("betaFan"), o.real("PFan"));
            default -> throw new IllegalStateException();
        };
    }

    static double fo(double[] ev, double alpha) {
        int d = 0;
        for (double v : ev) {
            if (v > alpha * ev[0]) {
                d++;
            }
        }
        return d;
    }

    /** 1 + the 0-based nanargmax of lambda_i / lambda_(i+1) (x/0 = infinity wins, 0/0 is skipped). */
    static double maxgap(double[] ev) {
        int best = -1;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int i = 0; i + 1 < ev.length; i++) {
            double g = ev[i] / ev[i + 1];
            if (!Double.isNaN(g) && (best < 0 || g > bestV)) {
                best = i;
                bestV = g;
            }
        }
        return best < 0 ? Double.NaN : best + 1;
    }

    static double ratio(double[] ev, double alpha) {
        double total = 0;
        for (double v : ev) {
            total += v;
        }
        double cum = 0;
        int d = 1;
        for (double v : ev) {
            cum += v;
            if (cum / total < alpha) {
                d++;
            }
        }
        return d;
    }

    static double participationRatio(double[] ev) {
        double s = 0;
        double s2 = 0;
        for (double v : ev) {
            s += v;
            s2 += v * v;
        }
        return s * s / s2;
    }

    static double kaiser(double[] ev) {
        double mean = Local.mean(ev);
        int d = 0;
        for (double v : ev) {
            if (v > mean) {
                d++;
            }
        }
        return d;
    }

    /** Broken stick b_i = (1/m) sum_(j>=i) 1/j: leading PCs with share above b_i (skdim: that + 1, or 0 when none falls below). */
    static double brokenStick(double[] ev, boolean skdim) {
        int m = ev.length;
        double total = 0;
        for (double v : ev) {
            total += v;
        }
        for (int i = 0; i < m; i++) {
            double b = 0;
            for (int j = i; j < m; j++) {
                b += 1.0 / (j + 1);
            }
            b /= m;
            if (b > ev[i] / total) {
                return skdim ? i + 1 : i;
            }
        }
        return skdim ? 0 : m;
    }

    /** Fan et al. 2010 as skdim computes it (numpy semantics for divisions by zero). */
    static double fan(double[] ev0, double alphaFan, double betaFan, double pFan) {
        double[] ev = ev0.clone();
        int m = ev.length;
        double total = 0;
        for (double v : ev) {
            total += v;
        }
        int r = -1;
        double cum = 0;
        for (int i = 0; i < m; i++) {
            cum += ev[i];
            if (cum / total > pFan) {
                r = i;
                break;
            }
        }
        if (r < 0) {
            return Double.NaN;
        }
        double sigma = 0;
        for (int i = r; i < m; i++) {
            sigma += ev[i];
        }
        sigma /= m - r;
        double total2 = 0;
        for (int i = 0; i < m; i++) {
            ev[i] -= sigma;
            total2 += ev[i];
        }
        int best = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < m; i++) {
            if (ev[i] / ev[i + 1] > alphaFan) {
                best = i;
                break;
            }
        }
        cum = 0;
        for (int i = 0; i < m && i < best; i++) {
            cum += ev[i];
            if (cum / total2 > betaFan) {
                best = i;
                break;
            }
        }
        return best == Integer.MAX_VALUE ? Double.NaN : 1 + best;
    }
}
