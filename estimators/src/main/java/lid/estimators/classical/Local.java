package lid.estimators.classical;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import lid.estimators.EstimationInput;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.knn.ExactDistance;
import lid.estimators.knn.KnnGraph;

/** Shared pieces of the classical estimators: common options, neighbourhoods, combining. */
final class Local {
    private Local() {}

    static ParamInfo skdimFlag() {
        return ParamInfo.flag("skdim", "false",
                "mimic scikit-dimension 0.3.4 where it deviates from the textbook (estimators/README.md)");
    }

    static ParamInfo comb(String def) {
        return ParamInfo.choice("comb", def, "how pointwise estimates combine into the global one", "mean", "median");
    }

    static ParamInfo k(String def, String what) {
        return ParamInfo.integer("k", def, what).range(1.0, null);
    }

    /** Pointwise estimation on each query's neighbourhood (skdim fit_pw), for the global estimators. */
    static ParamInfo pw() {
        return ParamInfo.flag("pw", "true", "also estimate on each query's neighbourhood (skdim fit_pw)");
    }

    static ParamInfo nbhd() {
        return ParamInfo.integer("nbhd", "100",
                "neighbours of a pointwise neighbourhood (the point itself is added unless skdim=true)")
                .range(1.0, null);
    }

    /** A global estimator's value on m points [m, dim] (one query's neighbourhood). */
    @FunctionalInterface
    interface PatchEstimate {
        double apply(double[] points, int m);
    }

    /**
     * skdim's fit_pw for a global estimator: with pw=true, f on each query's neighbourhood of nbhd
     * points (plus the point itself unless skdim=true); null with pw=false. A neighbourhood smaller
     * than {@code minPoints} is an error naming nbhd ({@code need} says why, e.g. "k2=20 neighbours").
     */
    static double[] onPatches(EstimationInput in, Params o, int minPoints, String need, PatchEstimate f) {
        if (!o.flag("pw")) {
            return null;
        }
        int nb = o.integer("nbhd");
        boolean skdim = o.skdim();
        int m = skdim ? nb : nb + 1;
        if (m < minPoints) {
            throw new IllegalArgumentException("estimator '" + o.spec() + "': a neighbourhood of " + m
                    + " points cannot give " + need + "; raise nbhd");
        }
        KnnGraph g = in.knn(nb);
        return perQuery(in, q -> f.apply(patch(in, g, q, skdim), m));
    }

    /** Neighbours a pw=true global estimator needs: nbhd, or none. */
    static int patchNeighbours(Params o) {
        return o.flag("pw") ? o.integer("nbhd") : 0;
    }

    /** f(q) for every query row q, spread over the input's threads (outputs disjoint, so deterministic). */
    static double[] perQuery(EstimationInput in, IntToDoubleFunction f) {
        int q = in.queryCount();
        double[] out = new double[q];
        int chunk = Math.max(1, Math.min(64, q / (8 * Math.max(1, in.threads())) + 1));
        int parts = (q + chunk - 1) / chunk;
        in.parallel().forEach(parts, p -> {
            int end = Math.min(q, (p + 1) * chunk);
            for (int r = p * chunk; r < end; r++) {
                out[r] = f.applyAsDouble(r);
            }
        });
        return out;
    }

    /**
     * The neighbourhood of query row q as [m, dim] rows: the point itself first (unless
     * excludeCentre, skdim's fit_pw convention), then its neighbours in order.
     */
    static double[] patch(EstimationInput in, KnnGraph g, int q, boolean excludeCentre) {
        int k = g.k();
        int dim = in.dim();
        int m = excludeCentre ? k : k + 1;
        double[] out = new double[m * dim];
        double[] x = in.data();
        int o = 0;
        if (!excludeCentre) {
            System.arraycopy(x, g.queries()[q] * dim, out, 0, dim);
            o = 1;
        }
        for (int j = 0; j < k; j++) {
            System.arraycopy(x, g.neighbour(q, j) * dim, out, (o + j) * dim, dim);
        }
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** numpy's median: the middle value, or the mean of the two middle values. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0) {
            return Double.NaN;
        }
        if (Double.isNaN(s[n - 1])) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** 1 / mean(1 / v): MacKay and Ghahramani's combination of MLE estimates. */
    static double harmonic(double[] v) {
        double s = 0;
        for (double x : v) {
            s += 1 / x;
        }
        return 1 / (s / v.length);
    }

    static double combine(double[] v, String comb) {
        return switch (comb) {
            case "mean" -> mean(v);
            case "median" -> median(v);
            case "mle" -> harmonic(v);
            default -> throw new IllegalArgumentException("unknown comb " + comb);
        };
    }

    /**
     * The nonzero neighbour distances of query row q, at least {@code need} of them when the
     * data allow (duplicates of the point are skipped: skdim MADA's convention), ascending.
     */
    static double[] nonzeroDistances(EstimationInput in, KnnGraph g, int q, int need) {
        int k = g.k();
        int zeros = 0;
        while (zeros < k && g.distance(q, zeros) == 0) {
            zeros++;
        }
        if (k - zeros >= need) {
            return Arrays.copyOfRange(g.distances(q), zeros, zeros + need);
        }
        // rare: more duplicates than spare neighbours; scan every point for this one
        int self = g.queries()[q];
        int n = in.n();
        double[] d = new double[n - 1];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (j != self) {
                double v = Math.sqrt(ExactDistance.squared(in.data(), in.dim(), self, j));
                if (v > 0) {
                    d[m++] = v;
                }
            }
        }
        Arrays.sort(d, 0, m);
        if (m < need) {
            return null;
        }
        return Arrays.copyOf(d, need);
    }
}
