package lid.datasets.generators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lid.datasets.LowRankMixture;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * Gaussian datasets with an exact density, for oracle models: a rank-d Gaussian, the mixture of
 * low-rank Gaussians (MoLRG, Wang, Zhang et al. 2024; benchmarks.md 3.1) and FLIPD's multiscale
 * Gaussian (benchmarks.md 2.2). Each returns its {@link LowRankMixture}.
 */
public final class LowRankGaussians {
    private LowRankGaussians() {}

    public static List<GeneratorInfo> entries() {
        return List.of(
                new GeneratorInfo("gaussian",
                        "rank-d Gaussian in R^D: x = mean + scale U z, z ~ N(0, I_d), U a Haar-random [D, d] orthonormal basis",
                        "d",
                        List.of(ParamInfo.of("D", "20", "ambient dimension"),
                                ParamInfo.of("d", "5", "rank = intrinsic dimension"),
                                ParamInfo.of("scale", "1", "standard deviation along the subspace"),
                                ParamInfo.of("mean", "0", "length of the mean vector (random direction); 0 = centred")),
                        LowRankGaussians::gaussian),
                new GeneratorInfo("molrg",
                        "mixture of low-rank Gaussians: component k w.p. pi_k, x = mean_k + scale U_k z, z ~ N(0, I_(d_k)); "
                                + "orthogonal subspaces = disjoint column blocks of one Haar-random basis (as the MoLRG sampler), "
                                + "random = independent bases; bases exposed for oracle models",
                        "d_k of the point's component",
                        List.of(ParamInfo.of("D", "48", "ambient dimension (the MoLRG paper: 3 res^2, e.g. 48 for res 4)"),
                                ParamInfo.of("dims", "4-8", "dimension of each component, dash-separated"),
                                ParamInfo.of("K", null, "number of components of equal dimension d (instead of dims)"),
                                ParamInfo.of("d", null, "dimension of every component when K is given"),
                                ParamInfo.of("weights", null, "mixture weights, dash-separated (default uniform)"),
                                ParamInfo.of("subspaces", "orthogonal", "orthogonal (needs sum d_k <= D) or random"),
                                ParamInfo.of("mean", "0", "length of each component's mean (random directions); 0 = all centred"),
                                ParamInfo.of("scale", "1", "standard deviation along each subspace"),
                                ParamInfo.of("assign", "random", "random = component drawn per point from the weights; "
                                        + "balanced = exact counts n pi_k in component order (the MoLRG sampler)")),
                        LowRankGaussians::molrg),
                new GeneratorInfo("multiscale_gaussian",
                        "FLIPD MultiscaleGaussian: N(D randn(D), Q diag(eigenvalues) Q^T), Q Haar-random, D = number of eigenvalues",
                        "#{eigenvalues > threshold}",
                        List.of(ParamInfo.of("eigenvalues", "1-1-1-1e-4-1e-4", "covariance eigenvalues, dash-separated"),
                                ParamInfo.of("threshold", "1e-3", "eigenvalues above it count towards the LID")),
                        LowRankGaussians::multiscale));
    }

    static Points gaussian(Params p, int n, Rng instance, Rng rng) {
        int dim = p.integer("D", 1);
        int d = p.integer("d", 1);
        if (d > dim) {
            throw p.error("d=" + d + " is larger than D=" + dim);
        }
        double scale = p.positive("scale");
        double meanNorm = p.real("mean", 0);
        double[] basis = Linalg.randomOrthonormal(dim, d, instance);
        double[] mean = randomVector(dim, meanNorm, instance);
        double[] scales = new double[d];
        Arrays.fill(scales, scale);
        var c = new LowRankMixture.Component(1, d, mean, basis, scales, new double[dim]);
        int[] comp = new int[n];
        return sample(List.of(c), dim, comp, rng, new int[] {d});
    }

    static Points molrg(Params p, int n, Rng instance, Rng rng) {
        int dim = p.integer("D", 1);
        int[] dims;
        if (p.isGiven("K") || p.isGiven("d")) {
            if (p.isGiven("dims")) {
                throw p.error("give either dims or K and d, not both");
            }
            if (!p.isGiven("d")) {
                throw p.error("K needs d (the dimension of every component), e.g. molrg:D=48,K=2,d=7");
            }
            int k = p.isGiven("K") ? p.integer("K", 1) : 1;
            dims = new int[k];
            Arrays.fill(dims, p.integer("d", 1));
        } else {
            dims = p.intList("dims", 1);
        }
        int k = dims.length;
        int total = 0;
        for (int d : dims) {
            if (d > dim) {
                throw p.error("component dimension " + d + " is larger than D=" + dim);
            }
            total += d;
        }
        double[] weights = weights(p, k);
        boolean orthogonal = p.choice("subspaces", "orthogonal", "random").equals("orthogonal");
        if (orthogonal && total > dim) {
            throw p.error("orthogonal subspaces need sum of dims (" + total + ") <= D=" + dim + "; use subspaces=random");
        }
        double meanNorm = p.real("mean", 0);
        double scale = p.positive("scale");
        boolean balanced = p.choice("assign", "random", "balanced").equals("balanced");

        double[] shared = orthogonal ? Linalg.randomOrthonormal(dim, total, instance) : null;
        List<LowRankMixture.Component> cs = new ArrayList<>();
        int col = 0;
        for (int c = 0; c < k; c++) {
            int d = dims[c];
            double[] basis;
            if (orthogonal) {
                basis = new double[dim * d];
                for (int i = 0; i < dim; i++) {
                    System.arraycopy(shared, i * total + col, basis, i * d, d);
                }
                col += d;
            } else {
                basis = Linalg.randomOrthonormal(dim, d, instance);
            }
            double[] scales = new double[d];
            Arrays.fill(scales, scale);
            cs.add(new LowRankMixture.Component(weights[c], d, randomVector(dim, meanNorm, instance), basis, scales, new double[dim]));
        }
        int[] comp = balanced ? balancedAssignment(n, weights) : Mixtures.assign(n, weights, rng);
        return sample(cs, dim, comp, rng, dims);
    }

    static Points multiscale(Params p, int n, Rng instance, Rng rng) {
        double[] eig = p.realList("eigenvalues");
        double threshold = p.real("threshold", 0);
        int dim = eig.length;
        double[] mean = new double[dim];
        float[] g = instance.normal(dim);
        for (int j = 0; j < dim; j++) {
            mean[j] = dim * (double) g[j];
        }
        double[] q = Linalg.randomOrthonormal(dim, dim, instance);
        double[] scales = new double[dim];
        int lid = 0;
        for (int j = 0; j < dim; j++) {
            scales[j] = Math.sqrt(eig[j]);
            lid += eig[j] > threshold ? 1 : 0;
        }
        var c = new LowRankMixture.Component(1, dim, mean, q, scales, new double[dim]);
        Points pts = sample(List.of(c), dim, new int[n], rng, new int[] {dim});
        int[] lids = new int[n];
        Arrays.fill(lids, lid);
        return new Points(dim, pts.x(), lids, pts.component(), pts.mixture(), null);
    }

    /** x_i = mean_c + U_c diag(scales_c) z_i for c = comp[i]; one normal stream, point i at offset i * max rank. */
    private static Points sample(List<LowRankMixture.Component> cs, int dim, int[] comp, Rng rng, int[] lids) {
        int n = comp.length;
        int maxRank = cs.stream().mapToInt(LowRankMixture.Component::rank).max().orElse(0);
        long stream = rng.newStream();
        float[] z = new float[maxRank];
        float[] x = new float[n * dim];
        int[] lid = new int[n];
        for (int i = 0; i < n; i++) {
            var c = cs.get(comp[i]);
            int r = c.rank();
            rng.normal(stream, (long) i * maxRank, z, 0, r);
            for (int a = 0; a < dim; a++) {
                double s = c.mean()[a];
                for (int b = 0; b < r; b++) {
                    s += c.basis()[a * r + b] * c.scales()[b] * z[b];
                }
                x[i * dim + a] = (float) s;
            }
            lid[i] = lids[comp[i]];
        }
        return new Points(dim, x, lid, comp, new LowRankMixture(dim, cs), null);
    }

    static double[] weights(Params p, int k) {
        double[] w = new double[k];
        if (!p.has("weights")) {
            Arrays.fill(w, 1.0 / k);
            return w;
        }
        double[] given = p.realList("weights");
        if (given.length != k) {
            throw p.error("weights has " + given.length + " entries but there are " + k + " components");
        }
        double sum = Arrays.stream(given).sum();
        if (sum <= 0) {
            throw p.error("weights must not all be 0");
        }
        for (int i = 0; i < k; i++) {
            w[i] = given[i] / sum;
        }
        return w;
    }

    /** Exact counts round(n w_k) by largest remainder, laid out in component order. */
    static int[] balancedAssignment(int n, double[] w) {
        int[] count = balancedAssignmentCounts(n, w);
        int[] comp = new int[n];
        int at = 0;
        for (int c = 0; c < w.length; c++) {
            Arrays.fill(comp, at, at + count[c], c);
            at += count[c];
        }
        return comp;
    }

    /** floor(n w_k) plus one more for the largest fractional parts until the counts sum to n. */
    static int[] balancedAssignmentCounts(int n, double[] w) {
        int k = w.length;
        int[] count = new int[k];
        double[] rest = new double[k];
        int used = 0;
        for (int c = 0; c < k; c++) {
            double exact = n * w[c];
            count[c] = (int) Math.floor(exact);
            rest[c] = exact - count[c];
            used += count[c];
        }
        while (used < n) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (rest[c] > rest[best]) {
                    best = c;
                }
            }
            count[best]++;
            rest[best] = -1;
            used++;
        }
        while (used > n) { // only after rounding errors in n * w_k
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (count[c] > count[best]) {
                    best = c;
                }
            }
            count[best]--;
            used--;
        }
        return count;
    }

    /** A vector of the given length in a random direction (zeros when length is 0). */
    private static double[] randomVector(int dim, double length, Rng rng) {
        double[] v = new double[dim];
        if (length == 0) {
            return v;
        }
        float[] g = rng.normal(dim);
        double norm = Spheres.norm(g, 0, dim);
        for (int j = 0; j < dim; j++) {
            v[j] = length * g[j] / norm;
        }
        return v;
    }
}
