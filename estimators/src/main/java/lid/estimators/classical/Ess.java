package lid.estimators.classical;

import java.util.ArrayList;
import java.util.List;
import lid.datasets.generators.Rng;
import lid.estimators.BaseEstimator;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;
import lid.estimators.StagedEstimator;
import lid.estimators.math.Spectra;
import lid.estimators.knn.KnnGraph;

/**
 * Expected simplex skewness (Johnsson et al. 2015; skdim {@code ESS}; math.md 5): in each
 * neighbourhood, the vectors v_i = p_i - mean; over all (d+1)-subsets (5000 random distinct ones
 * when there are more), ESS = sum vol / sum prod |v| with vol = sqrt|det(V V^T)| (ver a) or
 * |v_1 . v_2| (ver b, d = 1); the dimension is where ESS meets the reference curve of a uniform
 * ball (linear interpolation). The ESS values are the cached artifact, the inversion and the
 * comb the final step.
 *
 * <p>Neighbourhoods: the point and its k neighbours (skdim, and {@code skdim=true}: the k
 * neighbours only). {@code fit_once=true} treats the whole data as one neighbourhood (skdim's
 * {@code fit_once}): a global value only. Random subsets come from the input seed and the point
 * index (Philox), so results do not depend on threads; they cannot match NumPy's draws.
 */
public final class Ess extends BaseEstimator implements StagedEstimator<Ess.Artifact> {
    public Ess() {
        super("ess",
                "expected simplex skewness inverted against the uniform-ball curve (Johnsson et al.; skdim ESS)",
                List.of(Local.k("100", "neighbours per point (>= d + 1: a simplex needs d + 1 vectors)").range(2.0, null),
                        ParamInfo.choice("ver", "a", "a: simplex volumes, b: projections (d = 1 only)", "a", "b"),
                        ParamInfo.integer("d", "1", "simplex dimension: subsets of d+1 vectors").range(1.0, null),
                        ParamInfo.flag("fit_once", "false", "treat the whole data as one neighbourhood (global only)"),
                        Local.comb("mean"), Local.skdimFlag()));
    }

    /** ESS value per query (pointwise) or of the whole data (fit_once). */
    public record Artifact(double[] ess, double whole) {}

    private record Key(int k, String ver, int d, boolean excludeCentre, boolean once) {}

    /** More subsets than this are sampled. */
    static final int MAX_SUBSETS = 5000;

    @Override
    public int neighbours(Params o) {
        return o.flag("fit_once") ? 0 : o.integer("k");
    }

    @Override
    public Object artifactKey(Params o) {
        return new Key(o.flag("fit_once") ? 0 : o.integer("k"), o.choice("ver"), o.integer("d"), o.skdim(),
                o.flag("fit_once"));
    }

    @Override
    public Artifact computeArtifact(EstimationInput in, Params o) {
        String ver = o.choice("ver");
        int d = o.integer("d");
        if (ver.equals("b") && d != 1) {
            throw new IllegalArgumentException("estimator '" + o.spec() + "': ver=b supports only d=1");
        }
        int dim = in.dim();
        if (o.flag("fit_once")) {
            return new Artifact(null, ess(in.data(), in.n(), dim, ver, d, Rng.of(in.seed(), lid.kernels.RandomKeys.Purpose.ESTIMATOR_OTHER)));
        }
        int k = o.integer("k");
        boolean skdim = o.skdim();
        int m = skdim ? k : k + 1;
        KnnGraph g = in.knn(k);
        double[] v = Local.perQuery(in, q -> ess(Local.patch(in, g, q, skdim), m, dim, ver, d,
                Rng.of(in.seed(), lid.kernels.RandomKeys.Purpose.ESTIMATOR_OTHER).child(g.queries()[q])));
        return new Artifact(v, Double.NaN);
    }

    @Override
    public EstimatorResult finish(EstimationInput in, Artifact a, Params o) {
        String ver = o.choice("ver");
        int d = o.integer("d");
        if (a.ess() == null) {
            return new EstimatorResult(o.spec(), null, invert(a.whole(), ver, d),
                    java.util.Map.of("ess", new double[] {a.whole()}));
        }
        double[] pw = new double[a.ess().length];
        for (int q = 0; q < pw.length; q++) {
            pw[q] = invert(a.ess()[q], ver, d);
        }
        return new EstimatorResult(o.spec(), pw, Local.combine(pw, o.choice("comb")), java.util.Map.of("ess", a.ess()));
    }

    /** The ESS statistic of m points [m, dim]. */
    static double ess(double[] x, int m, int dim, String ver, int d, Rng rng) {
        int p = d + 1;
        if (p > dim) {
            return ver.equals("a") ? 0 : 1;
        }
        double[] v = Spectra.centred(x, m, dim);
        double[] len = new double[m];
        for (int i = 0; i < m; i++) {
            len[i] = Math.sqrt(dot(v, dim, i, i));
        }
        List<int[]> groups = subsets(m, p, rng);
        // all subsets (small neighbourhoods): a full Gram matrix; sampled ones: only their dot products
        double[] gram = groups.size() >= (long) m * m / 4 ? gram(v, m, dim) : null;
        double vol = 0;
        double weight = 0;
        double[] sub = new double[p * p];
        for (int[] group : groups) {
            double w = 1;
            for (int a : group) {
                w *= len[a];
            }
            weight += w;
            if (ver.equals("b")) {
                vol += Math.abs(gram != null ? gram[group[0] * m + group[1]] : dot(v, dim, group[0], group[1]));
            } else {
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        sub[a * p + b] = gram != null ? gram[group[a] * m + group[b]] : dot(v, dim, group[a], group[b]);
                    }
                }
                vol += Math.sqrt(Math.abs(det(sub, p)));
            }
        }
        return vol / weight;
    }

    private static double dot(double[] v, int dim, int i, int j) {
        double s = 0;
        for (int t = 0; t < dim; t++) {
            s += v[i * dim + t] * v[j * dim + t];
        }
        return s;
    }

    private static double[] gram(double[] v, int m, int dim) {
        double[] g = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = dot(v, dim, i, j);
                g[i * m + j] = s;
                g[j * m + i] = s;
            }
        }
        return g;
    }

    /** All p-subsets of 0..m-1 in lexicographic order, or MAX_SUBSETS distinct random ones. */
    static List<int[]> subsets(int m, int p, Rng rng) {
        double count = binomial(m, p);
        List<int[]> out = new ArrayList<>();
        if (count <= MAX_SUBSETS) {
            int[] c = new int[p];
            for (int i = 0; i < p; i++) {
                c[i] = i;
            }
            while (true) {
                out.add(c.clone());
                int i = p - 1;
                while (i >= 0 && c[i] == m - p + i) {
                    i--;
                }
                if (i < 0) {
                    return out;
                }
                c[i]++;
                for (int j = i + 1; j < p; j++) {
                    c[j] = c[j - 1] + 1;
                }
            }
        }
        // 5000 distinct random subsets, uniform over all of them, as skdim's
        // rng.choice(ncomb, 5000, replace=False) of combination ranks: Floyd's sampling of the
        // ranks (48-bit uniforms from two 24-bit ones), then each rank unranked in itertools' order
        long total = (long) count;
        if (count > 0x1p46) {
            throw new IllegalArgumentException("ESS: " + count + " subsets are too many to sample");
        }
        long[] ranks = new long[MAX_SUBSETS];
        long[] table = new long[1 << 14]; // open addressing, rank + 1 (0 = empty)
        float[] u = rng.uniform(2 * MAX_SUBSETS);
        int i = 0;
        for (long j = total - MAX_SUBSETS; j < total; j++, i++) {
            double v = u[2 * i] + u[2 * i + 1] * 0x1p-24;
            long t = Math.min(j, (long) (v * (j + 1)));
            long pick = contains(table, t) ? j : t;
            insert(table, pick);
            ranks[i] = pick;
        }
        long[][] binom = new long[m + 1][p + 1];
        for (int a = 0; a <= m; a++) {
            binom[a][0] = 1;
            for (int b = 1; b <= Math.min(a, p); b++) {
                binom[a][b] = binom[a - 1][b - 1] + (b <= a - 1 ? binom[a - 1][b] : 0);
            }
        }
        for (long rank : ranks) {
            out.add(unrank(rank, m, p, binom));
        }
        return out;
    }

    private static int slot(long[] table, long key) {
        int mask = table.length - 1;
        int h = (int) (mix(key) & mask);
        while (table[h] != 0 && table[h] != key + 1) {
            h = (h + 1) & mask;
        }
        return h;
    }

    private static boolean contains(long[] table, long key) {
        return table[slot(table, key)] == key + 1;
    }

    private static void insert(long[] table, long key) {
        table[slot(table, key)] = key + 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 33);
    }

    /** The rank-th p-subset of 0..m-1 in lexicographic order (itertools.combinations); binom[a][b] = C(a, b). */
    static int[] unrank(long rank, int m, int p, long[][] binom) {
        int[] c = new int[p];
        int next = 0;
        for (int i = 0; i < p; i++) {
            for (int v = next; ; v++) {
                long below = binom[m - v - 1][p - i - 1]; // subsets that continue with v
                if (rank < below) {
                    c[i] = v;
                    next = v + 1;
                    break;
                }
                rank -= below;
            }
        }
        return c;
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return Math.rint(r);
    }

    /** Determinant of a small p x p matrix by Gaussian elimination with partial pivoting (a is overwritten). */
    static double det(double[] a, int p) {
        if (p == 1) {
            return a[0];
        }
        if (p == 2) {
            return a[0] * a[3] - a[1] * a[2];
        }
        double det = 1;
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r * p + c]) > Math.abs(a[piv * p + c])) {
                    piv = r;
                }
            }
            if (a[piv * p + c] == 0) {
                return 0;
            }
            if (piv != c) {
                for (int t = 0; t < p; t++) {
                    double tmp = a[c * p + t];
                    a[c * p + t] = a[piv * p + t];
                    a[piv * p + t] = tmp;
                }
                det = -det;
            }
            double pv = a[c * p + c];
            det *= pv;
            for (int r = c + 1; r < p; r++) {
                double f = a[r * p + c] / pv;
                for (int t = c; t < p; t++) {
                    a[r * p + t] -= f * a[c * p + t];
                }
            }
        }
        return det;
    }

    /** Reference ESS of a uniform ball in dimension n = mindim..maxdim (index n - mindim), skdim's products. */
    static double[] reference(String ver, int d, int maxdim, int mindim) {
        double[] all = new double[maxdim + 1]; // 1-based
        if (ver.equals("a")) {
            double[] f1 = new double[maxdim + 1];
            // factor1(n) = Gamma(n/2) / Gamma((n+1)/2), by Gamma(x+1) = x Gamma(x) from n = 1 and 2
            double g12 = Math.sqrt(Math.PI); // Gamma(1/2)/Gamma(1)
            double g23 = 2 / Math.sqrt(Math.PI); // Gamma(1)/Gamma(3/2)
            double acc1 = g12;
            double acc2 = g23;
            for (int n = 1; n <= maxdim; n++) {
                if (n % 2 == 1) {
                    f1[n] = acc1;
                    acc1 *= n / (double) (n + 1);
                } else {
                    f1[n] = acc2;
                    acc2 *= n / (double) (n + 1);
                }
            }
            // factor2(n) = Gamma(n/2) / Gamma((n-d)/2) for n > d, else 0
            double[] f2 = new double[maxdim + 1];
            double k1 = gammaHalf(d + 1) / Math.sqrt(Math.PI);
            double k2 = gammaHalf(d + 2);
            for (int n = d + 1; n <= maxdim; n++) {
                if ((n - d) % 2 == 1) {
                    f2[n] = k1;
                    k1 *= n / (double) (n - d);
                } else {
                    f2[n] = k2;
                    k2 *= n / (double) (n - d);
                }
            }
            for (int n = 1; n <= maxdim; n++) {
                all[n] = Math.pow(f1[n], d) * f2[n];
            }
        } else {
            // ver b (d = 1): Gamma((n+2)/2) / Gamma((n+1)/2) * 2 / sqrt(pi) / n
            double accOdd = Math.sqrt(Math.PI) / 2; // Gamma(3/2)/Gamma(1)
            double accEven = 2 / Math.sqrt(Math.PI); // Gamma(2)/Gamma(3/2)
            for (int n = 1; n <= maxdim; n++) {
                double id;
                if (n % 2 == 1) {
                    id = accOdd;
                    accOdd *= (n + 2) / (double) (n + 1);
                } else {
                    id = accEven;
                    accEven *= (n + 2) / (double) (n + 1);
                }
                all[n] = id * 2 / Math.sqrt(Math.PI) / n;
            }
        }
        double[] out = new double[maxdim - mindim + 1];
        System.arraycopy(all, mindim, out, 0, out.length);
        return out;
    }

    /** Gamma(n / 2) for a whole n >= 1, by Gamma(x + 1) = x Gamma(x) from Gamma(1) = 1 or Gamma(1/2) = sqrt(pi). */
    static double gammaHalf(int n) {
        double g = n % 2 == 0 ? 1 : Math.sqrt(Math.PI);
        for (int m = n % 2 == 0 ? 2 : 1; m < n; m += 2) {
            g *= m / 2.0;
        }
        return g;
    }

    /** The dimension where the reference curve meets the ESS value (skdim's _essLocalDimEst). */
    static double invert(double essval, String ver, int d) {
        if (Double.isNaN(essval)) {
            return Double.NaN;
        }
        boolean a = ver.equals("a");
        int mindim = 1;
        int maxdim = 20;
        List<Double> dimvals = new ArrayList<>();
        for (double v : reference(ver, d, maxdim, mindim)) {
            dimvals.add(v);
        }
        while ((a && essval > dimvals.get(maxdim - 1)) || (!a && essval < dimvals.get(maxdim - 1))) {
            if (maxdim > 1 << 20) {
                return Double.POSITIVE_INFINITY; // ESS at the limit of the curve (e.g. exactly orthogonal vectors)
            }
            mindim = maxdim + 1;
            maxdim = 2 * (maxdim - 1);
            for (double v : reference(ver, d, maxdim, mindim)) {
                dimvals.add(v);
            }
        }
        int len = maxdim - mindim + 1;
        int i;
        if (a) {
            i = 0; // bisect_right on the increasing segment
            while (i < len && dimvals.get(mindim - 1 + i) <= essval) {
                i++;
            }
        } else {
            int below = 0; // bisect_right on the reversed (increasing) segment
            while (below < len && dimvals.get(maxdim - 1 - below) <= essval) {
                below++;
            }
            i = len - below;
        }
        int de = mindim + i - 1;
        if (de < 1) {
            return 1;
        }
        if (de >= dimvals.size()) {
            return dimvals.size();
        }
        double lo = dimvals.get(de - 1);
        double hi = dimvals.get(de);
        return de + (essval - lo) / (hi - lo);
    }
}
