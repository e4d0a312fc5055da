package lid.estimators.diffusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.BaseEstimator;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.models.DiffusionModel;
import lid.models.PointDraws;

/**
 * FLIPD (Kamkari et al. 2024): FLIPD(x, t0) = D - b tr(d eps_hat/dy) + ||eps_hat||^2 at y = a(t0) x
 * (eps units; = D + sigma^2 [tr grad s + ||s||^2] for the VP-SDE). The trace is exact (forward
 * mode, D directions) or Hutchinson. t0 = knee: FLIPD curves on t0 = linspace(0, 1, grid),
 * Kneedle on the points with 0.05 < t0 < 0.5, estimate = the curve's value at the knee, D when
 * there is no knee (the reference's rule). Artifacts (per t0) are cached, so curves and fixed
 * t0 share work. Hutchinson probes are drawn per point (draws=point) or shared (draws=shared); the
 * extra column "se" is the Monte-Carlo standard error b se(tr) (0 for the exact trace).
 */
public final class Flipd extends BaseEstimator {
    public Flipd() {
        super("flipd",
                "FLIPD: D - b tr(J eps_hat) + ||eps_hat||^2 at a x; t0 fixed or 'knee' (Kneedle on FLIPD curves)", true,
                List.of(
                        ParamInfo.text("t0", "0.05", "time in the model's noise process, or 'knee'"),
                        ParamInfo.integer("probes", "0", "Hutchinson probes (0 = exact trace, D forward-mode directions)")
                                .range(0.0, null),
                        ParamInfo.choice("probe", "rademacher", "Hutchinson probe distribution", "rademacher", "gaussian"),
                        draws("Hutchinson probes"),
                        ParamInfo.integer("grid", "50", "t0 grid points of a FLIPD curve (knee rule)").range(3.0, null),
                        ParamInfo.integer("batch", "64", "points per pass").range(1.0, null),
                        ParamInfo.integer("chunk", "128", "tangent directions per forward-mode pass").range(1.0, null)));
    }

    /** The draws option of every estimator with noise draws or probes: independent per point, or shared. */
    static ParamInfo draws(String what) {
        return ParamInfo.choice("draws", "point", what + ": point = independent per point (keyed by --estimator-seed and "
                + "the point's index), shared = the same for every point (the reference code's protocol)", "point", "shared");
    }

    static PointDraws.Mode drawsMode(Params o) {
        return PointDraws.Mode.parse(o.choice("draws"));
    }

    record Key(double t, TraceArtifact.TraceAndProbes how) {}

    static TraceArtifact artifact(EstimationInput in, DiffusionModel model, double t, Params o) {
        int probes = o.integer("probes");
        boolean rad = o.choice("probe").equals("rademacher");
        // draws only matter for Hutchinson probes: the exact trace is the same artifact either way
        var how = new TraceArtifact.TraceAndProbes(probes, probes > 0 && rad, probes > 0 ? drawsMode(o) : PointDraws.Mode.POINT);
        return in.cache().get(new Key(t, how), () -> TraceArtifact.compute(in, model, t, how, o.integer("batch"), o.integer("chunk")));
    }

    @Override
    public EstimatorResult estimate(EstimationInput in, Params o) {
        DiffusionModel model = ModelHandle.require(in, name());
        String t0 = o.text("t0");
        int n = in.queryCount(), d = in.dim();
        double[] lid = new double[n];
        if (!t0.equalsIgnoreCase("knee")) {
            double t = parseTime(t0);
            TraceArtifact art = artifact(in, model, t, o);
            double[] se = new double[n];
            for (int q = 0; q < n; q++) {
                lid[q] = art.flipd(q, d);
                se[q] = art.se(q);
            }
            // the exact trace has no Monte-Carlo error: a standard error only for Hutchinson probes
            return new EstimatorResult(o.spec(), lid, mean(lid), o.integer("probes") > 0 ? Map.of(EstimatorResult.SE, se) : Map.of());
        }
        // FLIPD curves restricted to the knee window (the rule never looks outside it)
        int grid = o.integer("grid");
        List<Double> ts = new ArrayList<>();
        for (int i = 0; i < grid; i++) {
            double t = (double) i / (grid - 1);
            if (t > 0.05 && t < 0.5) {
                ts.add(t);
            }
        }
        double[][] curves = new double[n][ts.size()];
        double[][] ses = new double[n][ts.size()];
        double[] x = new double[ts.size()];
        for (int j = 0; j < ts.size(); j++) {
            x[j] = ts.get(j);
            TraceArtifact art = artifact(in, model, x[j], o);
            for (int q = 0; q < n; q++) {
                curves[q][j] = art.flipd(q, d);
                ses[q][j] = art.se(q);
            }
        }
        double[] kneeT = new double[n];
        double[] se = new double[n];
        for (int q = 0; q < n; q++) {
            int k = Kneedle.kneeIndex(x, curves[q], 1.0);
            lid[q] = k < 0 ? d : curves[q][k];
            kneeT[q] = k < 0 ? Double.NaN : x[k];
            se[q] = k < 0 ? 0 : ses[q][k]; // the Monte-Carlo error of the value at the knee (not of the knee's place)
        }
        return new EstimatorResult(o.spec(), lid, mean(lid), o.integer("probes") > 0
                ? Map.of("knee_t0", kneeT, EstimatorResult.SE, se) : Map.of("knee_t0", kneeT));
    }

    /**
     * FLIPD curves: FLIPD(x, t0) for every query point (rows) at each time of {@code times}
     * (columns), with this spec's trace settings; shares the cached per-time artifacts.
     */
    public static double[][] curves(EstimationInput in, Params o, double[] times) {
        DiffusionModel model = ModelHandle.require(in, "flipd");
        int n = in.queryCount(), d = in.dim();
        double[][] c = new double[n][times.length];
        for (int j = 0; j < times.length; j++) {
            TraceArtifact art = artifact(in, model, times[j], o);
            for (int q = 0; q < n; q++) {
                c[q][j] = art.flipd(q, d);
            }
        }
        return c;
    }

    /** The t0 grid of the knee rule (linspace(0, 1, grid) restricted to 0.05 < t0 < 0.5). */
    public static double[] kneeWindow(int grid) {
        List<Double> ts = new ArrayList<>();
        for (int i = 0; i < grid; i++) {
            double t = (double) i / (grid - 1);
            if (t > 0.05 && t < 0.5) {
                ts.add(t);
            }
        }
        return ts.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double parseTime(String s) {
        double t;
        try {
            t = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("t0 must be a time in (0, 1] or 'knee', got '" + s + "'");
        }
        if (!(t > 0 && t <= 1)) {
            throw new IllegalArgumentException("t0 must be in (0, 1], got " + s);
        }
        return t;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
