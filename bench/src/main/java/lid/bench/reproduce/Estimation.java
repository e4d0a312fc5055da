package lid.bench.reproduce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorRegistry;
import lid.estimators.EstimatorResult;
import lid.estimators.metrics.MetricSet;
import lid.estimators.metrics.Metrics;

/**
 * One estimator on one prepared input as a cell result: MAE, concordance, Spearman, seconds, peak
 * tensor bytes (the engine's memory meter) and the per-point estimates (so later tables can
 * correlate them with anything else without recomputing).
 */
final class Estimation {
    private Estimation() {}

    private static final EstimatorRegistry REGISTRY = EstimatorRegistry.standard();

    /** Parses a spec early so a typo fails before hours of training, not after. */
    static ConfiguredEstimator parse(String spec) {
        return REGISTRY.parse(spec);
    }

    /** Seconds of one standalone run (artifact cache cleared first). */
    static double time(String spec, EstimationInput input) {
        ConfiguredEstimator ce = REGISTRY.parse(spec);
        input.cache().clear();
        long start = System.nanoTime();
        ce.run(input);
        double s = (System.nanoTime() - start) / 1e9;
        input.cache().clear();
        return s;
    }

    static ObjectNode run(String spec, EstimationInput input, int[] truth, int[] component) {
        ConfiguredEstimator ce = REGISTRY.parse(spec);
        int q = input.queryCount();
        // each cell times its estimator on its own: without this, ISM would reuse FLIPD's traces and
        // the kNN estimators each other's neighbour graphs, and show (almost) no cost
        input.cache().clear();
        ConfiguredEstimator.Measured run = ce.measured(input);
        EstimatorResult r = run.result();
        double seconds = run.seconds();
        long peak = run.peakBytes();
        double[] est = r.pointwiseOrGlobal(q);
        Metrics.Report rep = Metrics.report(est, truth, component);
        ObjectNode o = Workspace.JSON.createObjectNode();
        o.put("estimator", spec);
        put(o, rep.overall());
        double[] ci = Metrics.maeInterval(est, truth, Metrics.BOOTSTRAP_RESAMPLES, input.seed());
        o.putArray("mae_ci95").add(ci[0]).add(ci[1]);
        if (r.standardErrors() != null) {
            o.put("mean_se", java.util.Arrays.stream(r.standardErrors()).filter(Double::isFinite).average().orElse(Double.NaN));
        }
        o.put("mean_estimate", java.util.Arrays.stream(est).filter(Double::isFinite).average().orElse(Double.NaN));
        o.put("seconds", seconds);
        o.put("points_per_s", q / seconds);
        o.put("peak_bytes", peak);
        o.put("points", q);
        ObjectNode per = o.putObject("per_component");
        rep.perComponent().forEach((c, m) -> put(per.putObject(Integer.toString(c)), m));
        ArrayNode a = o.putArray("estimates");
        for (double v : est) {
            a.add(Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : Double.NaN);
        }
        System.err.printf(Locale.ROOT, "    %-28s MAE %8.3f  concordance %.3f  %7.2f s  peak %.1f MB%n", spec,
                rep.overall().mae(), rep.overall().concordance(), seconds, peak / 1e6);
        return o;
    }

    private static void put(ObjectNode o, MetricSet m) {
        o.put("mae", m.mae());
        o.put("mse", m.mse());
        o.put("concordance", m.concordance());
        o.put("spearman", m.spearman());
        o.put("n", m.n());
    }

    static double[] estimates(ObjectNode cell) {
        ArrayNode a = (ArrayNode) cell.get("estimates");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble(Double.NaN);
        }
        return v;
    }
}
