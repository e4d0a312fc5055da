package lid.estimators.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy metrics of LID estimates against the ground truth (math.md 6): MAE, MSE, the
 * concordance indices of dgm_geometry (with_equal False and True) and of score-matching-lid,
 * and Spearman's rank correlation; per component and overall. NaN estimates propagate into
 * MAE, MSE and Spearman; the concordance indices need finite estimates.
 */
public final class Metrics {
    private Metrics() {}

    /** Metrics overall and for each component id. */
    public record Report(MetricSet overall, Map<Integer, MetricSet> perComponent) {}

    public static Report report(double[] estimate, int[] truth, int[] component) {
        check(estimate.length, truth.length);
        check(estimate.length, component.length);
        Map<Integer, MetricSet> per = new TreeMap<>();
        for (int c : Arrays.stream(component).distinct().sorted().toArray()) {
            int m = 0;
            for (int v : component) {
                if (v == c) {
                    m++;
                }
            }
            double[] e = new double[m];
            int[] t = new int[m];
            int j = 0;
            for (int i = 0; i < component.length; i++) {
                if (component[i] == c) {
                    e[j] = estimate[i];
                    t[j++] = truth[i];
                }
            }
            per.put(c, of(e, t));
        }
        return new Report(of(estimate, truth), per);
    }

    public static MetricSet of(double[] estimate, int[] truth) {
        check(estimate.length, truth.length);
        double[] t = new double[truth.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = truth[i];
        }
        return new MetricSet(estimate.length, mae(estimate, truth), mse(estimate, truth),
                concordance(truth, estimate, false), concordance(truth, estimate, true),
                concordanceDistinct(truth, estimate), spearman(estimate, t));
    }

    private static void check(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("estimates and ground truth differ in length: " + a + " vs " + b);
        }
    }

    public static double mae(double[] estimate, int[] truth) {
        check(estimate.length, truth.length);
        double s = 0;
        for (int i = 0; i < estimate.length; i++) {
            s += Math.abs(estimate[i] - truth[i]);
        }
        return s / estimate.length;
    }

    /** Bootstrap resamples of {@link #maeInterval}. */
    public static final int BOOTSTRAP_RESAMPLES = 1000;

    /**
     * The 95 % percentile-bootstrap confidence interval [lo, hi] of the MAE over points: {@code
     * resamples} resamples of the n points with replacement (resample b draws its indices from
     * Philox stream b of (seed, DIAGNOSTICS)), the 2.5 % and 97.5 % quantiles of their MAEs (linear
     * interpolation, as numpy's default). NaN bounds when an estimate is NaN.
     */
    public static double[] maeInterval(double[] estimate, int[] truth, int resamples, long seed) {
        check(estimate.length, truth.length);
        int n = estimate.length;
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            err[i] = Math.abs(estimate[i] - truth[i]);
            if (Double.isNaN(err[i])) {
                return new double[] {Double.NaN, Double.NaN};
            }
        }
        long key = lid.kernels.RandomKeys.key(seed, lid.kernels.RandomKeys.Purpose.DIAGNOSTICS);
        float[] u = new float[n];
        double[] mae = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            lid.kernels.ScalarKernels.INSTANCE.random().randomUniform(key, b, 0, n, u, 0);
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += err[Math.min(n - 1, (int) (u[i] * n))];
            }
            mae[b] = s / n;
        }
        Arrays.sort(mae);
        return new double[] {quantile(mae, 0.025), quantile(mae, 0.975)};
    }

    /** The q-quantile of sorted values, linear interpolation between order statistics. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public static double mse(double[] estimate, int[] truth) {
        check(estimate.length, truth.length);
        double s = 0;
        for (int i = 0; i < estimate.length; i++) {
            double d = estimate[i] - truth[i];
            s += d * d;
        }
        return s / estimate.length;
    }

    /**
     * dgm_geometry's concordance index: 1 - (discordant pairs) / (n(n-1)/2), a pair discordant
     * when the estimates order it strictly opposite to the truth. With withEqual the estimates are
     * first rounded (half to even, as numpy) and pairs with equal estimate but different truth,
     * or equal truth but different estimate, count as discordant too. The denominator is all
     * pairs, so single-LID data always scores 1 without withEqual. O(n log n).
     */
    public static double concordance(int[] truth, double[] estimate, boolean withEqual) {
        check(estimate.length, truth.length);
        int n = truth.length;
        if (n < 2) {
            return Double.NaN;
        }
        double[] pred = new double[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(estimate[i])) {
                return Double.NaN;
            }
            // + 0.0 turns -0.0 into 0.0: equal estimates must compare equal
            pred[i] = (withEqual ? Math.rint(estimate[i]) : estimate[i]) + 0.0;
        }
        long discordant = discordantPairs(truth, pred);
        if (withEqual) {
            discordant += equalButDifferent(pred, truth);
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = truth[i];
            }
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = (int) pred[i];
            }
            discordant += equalButDifferent(t, p);
        }
        return 1 - (double) discordant / ((double) n * (n - 1) / 2);
    }

    /** Pairs ordered strictly oppositely by truth and prediction (Fenwick tree over the truth values). */
    private static long discordantPairs(int[] truth, double[] pred) {
        int n = truth.length;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int t : truth) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        // sort by (prediction, truth) and count, for each element, earlier elements with larger truth
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(pred[a], pred[b]);
            return c != 0 ? c : Integer.compare(truth[a], truth[b]);
        });
        int span = max - min + 1;
        long[] tree = new long[span + 1];
        long discordant = 0;
        long inserted = 0;
        for (int idx : order) {
            int g = truth[idx] - min + 1;
            discordant += inserted - prefix(tree, g);
            for (int i = g; i <= span; i += i & -i) {
                tree[i]++;
            }
            inserted++;
        }
        return discordant;
    }

    private static long prefix(long[] tree, int i) {
        long s = 0;
        for (; i > 0; i -= i & -i) {
            s += tree[i];
        }
        return s;
    }

    /** Pairs equal in a but different in b. */
    private static long equalButDifferent(double[] a, int[] b) {
        Map<Double, Map<Integer, Long>> groups = new TreeMap<>();
        for (int i = 0; i < a.length; i++) {
            groups.computeIfAbsent(a[i], k -> new TreeMap<>()).merge(b[i], 1L, Long::sum);
        }
        long count = 0;
        for (Map<Integer, Long> g : groups.values()) {
            long sum = 0;
            for (long c : g.values()) {
                sum += c;
                count -= c * (c - 1) / 2;
            }
            count += sum * (sum - 1) / 2;
        }
        return count;
    }

    /**
     * score-matching-lid's concordance: over pairs with distinct truth, the share ordered the same
     * way (strictly) by the estimates; 1 when there are no such pairs. O(n log n).
     */
    public static double concordanceDistinct(int[] truth, double[] estimate) {
        check(estimate.length, truth.length);
        int n = truth.length;
        for (double v : estimate) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
        }
        // pairs with distinct truth = all pairs - pairs with equal truth
        long total = (long) n * (n - 1) / 2;
        Map<Integer, Long> byTruth = new TreeMap<>();
        for (int t : truth) {
            byTruth.merge(t, 1L, Long::sum);
        }
        long equalTruth = 0;
        for (long c : byTruth.values()) {
            equalTruth += c * (c - 1) / 2;
        }
        long distinct = total - equalTruth;
        if (distinct == 0) {
            return 1.0;
        }
        // discordant (strictly opposite) pairs, and pairs with distinct truth but equal estimate
        double[] pred = new double[n];
        for (int i = 0; i < n; i++) {
            pred[i] = estimate[i] + 0.0;
        }
        long discordant = discordantPairs(truth, pred);
        long tiedEstimate = equalButDifferent(pred, truth);
        return (double) (distinct - discordant - tiedEstimate) / distinct;
    }

    /** Spearman's rho: Pearson correlation of the average ranks. */
    public static double spearman(double[] a, double[] b) {
        check(a.length, b.length);
        return pearson(ranks(a), ranks(b));
    }

    /** Average ranks (1-based; ties share the mean rank). NaN values make every rank NaN. */
    static double[] ranks(double[] v) {
        int n = v.length;
        double[] r = new double[n];
        for (double x : v) {
            if (Double.isNaN(x)) {
                Arrays.fill(r, Double.NaN);
                return r;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                r[order[t]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
