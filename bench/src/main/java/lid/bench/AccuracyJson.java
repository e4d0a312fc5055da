package lid.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lid.estimators.metrics.MetricSet;
import lid.estimators.metrics.Metrics;

/**
 * Accuracy of one estimator as JSON, the same in {@code lid estimate}'s summary.json and in
 * {@code lid reproduce}'s cells: MAE with its 95 % bootstrap confidence interval, MSE, the
 * concordance indices and Spearman. Unlabelled data (no true LID) has no accuracy: every metric is
 * null and {@code labelled} false, never a score against a placeholder label.
 */
public final class AccuracyJson {
    private AccuracyJson() {}

    /** Metrics of estimates against the truth (or nulls when unlabelled), with the MAE's interval from {@code seed}. */
    public static ObjectNode of(double[] estimate, int[] truth, boolean labelled, long seed) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("labelled", labelled);
        o.put("n", estimate.length);
        if (!labelled) {
            for (String k : new String[] {"mae", "mae_ci95", "mse", "concordance", "concordance_with_equal",
                "concordance_distinct", "spearman"}) {
                o.putNull(k);
            }
            return o;
        }
        MetricSet m = Metrics.of(estimate, truth);
        put(o, "mae", m.mae());
        double[] ci = Metrics.maeInterval(estimate, truth, Metrics.BOOTSTRAP_RESAMPLES, seed);
        if (Double.isFinite(ci[0])) {
            o.putArray("mae_ci95").add(ci[0]).add(ci[1]);
        } else {
            o.putNull("mae_ci95");
        }
        put(o, "mse", m.mse());
        put(o, "concordance", m.concordance());
        put(o, "concordance_with_equal", m.concordanceWithEqual());
        put(o, "concordance_distinct", m.concordanceDistinct());
        put(o, "spearman", m.spearman()); // null when the truth or the estimates are constant
        return o;
    }

    /** A number, or JSON null for NaN and infinities (JSON has no NaN). */
    public static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** "1.234 [1.100, 1.380]", or "n/a" without labels (or with NaN estimates). */
    public static String maeText(ObjectNode o) {
        if (!o.get("labelled").asBoolean() || o.get("mae").isNull() || o.get("mae_ci95").isNull()) {
            return o.get("labelled").asBoolean() && !o.get("mae").isNull()
                    ? String.format(java.util.Locale.ROOT, "%.3f", o.get("mae").asDouble()) : "n/a";
        }
        var ci = o.get("mae_ci95");
        return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", o.get("mae").asDouble(), ci.get(0).asDouble(),
                ci.get(1).asDouble());
    }

    /** A metric as text with 3 decimals, or "n/a". */
    public static String text(ObjectNode o, String key) {
        var v = o.get(key);
        return v == null || v.isNull() ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", v.asDouble());
    }
}
