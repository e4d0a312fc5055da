package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lid.datasets.Checks;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.LowRankMixture;
import lid.datasets.spec.Params;
import lid.kernels.RandomKeys;
import org.junit.jupiter.api.Test;

/**
 * A SPEC names one manifold: two seeds draw two samples of it (relative residual below 1e-4 to
 * the other sample's span or surface), a different instance is another manifold, and n never
 * moves a point of a given seed.
 */
class SameManifoldTest {
    private static final double RESIDUAL = 1e-4;

    /** Every generator with structural randomness (and sample-only ones behind embed=rotate), by its linear structure. */
    private static final List<String> LINEAR = List.of(
            "affine:D=10,dims=2-4-8",
            "affine:D=10,dims=2-4-8,latent=gaussian",
            "affine:D=12,dims=3-5,latent=laplace,projection=random",
            "squiggly:D=10,dims=2-4,kappa=1",
            "gaussian:D=20,d=5",
            "gaussian:D=20,d=5,mean=3,standardize=true",
            "molrg:D=48,dims=4-8",
            "molrg:D=30,dims=3-5,subspaces=random,mean=2",
            "sphere:d=3,D=8,embed=rotate",
            "swiss_roll:D=6,embed=rotate,standardize=true",
            "M1_Sphere:embed=rotate");

    @Test
    void everyStructuralGeneratorIsCoveredHere() {
        Set<String> covered = Set.of("affine", "squiggly", "rqnsf", "gaussian", "molrg", "multiscale_gaussian", "clifford",
                "sm_clifford");
        for (GeneratorInfo g : GeneratorRegistry.standard().generators()) {
            if (g.structural()) {
                assertTrue(covered.contains(g.name()), g.name() + " has structural randomness but no same-manifold test");
            }
        }
    }

    @Test
    void twoSeedsShareTheSpanOfEachComponent() {
        for (String spec : LINEAR) {
            Dataset a = Datasets.generate(spec, 2000, 1);
            Dataset b = Datasets.generate(spec, 500, 2);
            double worst = worstSpanResidual(a, b);
            assertTrue(worst < RESIDUAL, spec + ": seed-2 points leave the seed-1 span by " + worst);
        }
    }

    @Test
    void anotherInstanceIsAnotherManifold() {
        for (String spec : List.of("affine:D=10,dims=2-4-8", "gaussian:D=20,d=5", "molrg:D=48,dims=4-8",
                "sphere:d=3,D=8,embed=rotate")) {
            Dataset a = Datasets.generate(spec, 2000, 1);
            Dataset b = Datasets.generate(spec + ",instance=1", 500, 1);
            double worst = worstSpanResidual(a, b);
            assertTrue(worst > 0.05, spec + ": instance 1 should not lie in instance 0's span (residual " + worst + ")");
            Dataset c = Datasets.generate(spec + ",instance=0", 500, 7);
            assertTrue(worstSpanResidual(a, c) < RESIDUAL, spec + ": instance=0 is the default");
        }
    }

    /** Gaussian families carry their exact distribution: it is the same object for every seed and n. */
    @Test
    void exactMixturesDoNotDependOnSeedOrN() {
        for (String spec : List.of("gaussian:D=20,d=5", "molrg:D=48,dims=4-8,mean=1", "multiscale_gaussian",
                "affine:D=10,dims=2-4-8,latent=gaussian", "gaussian:D=6,d=2,embed=rotate,noise=0.1,standardize=true")) {
            LowRankMixture a = Datasets.generate(spec, 300, 1).mixture();
            LowRankMixture b = Datasets.generate(spec, 40, 2).mixture();
            assertEquals(a.components().size(), b.components().size(), spec);
            for (int k = 0; k < a.components().size(); k++) {
                var ca = a.components().get(k);
                var cb = b.components().get(k);
                assertArrayEquals(ca.mean(), cb.mean(), spec + " mean " + k);
                assertArrayEquals(ca.basis(), cb.basis(), spec + " basis " + k);
                assertArrayEquals(ca.scales(), cb.scales(), spec + " scales " + k);
                assertArrayEquals(ca.noiseStd(), cb.noiseStd(), spec + " noise " + k);
            }
        }
    }

    /** Clifford tori: every seed's points lie on the rings (circles in column pairs) that seed 1's points trace. */
    @Test
    void cliffordSeedsLieOnTheSameRings() {
        for (String spec : List.of("clifford:d=3,D=10", "sm_clifford:d=4,D=16")) {
            Dataset a = Datasets.generate(spec, 400, 1);
            Dataset b = Datasets.generate(spec, 200, 2);
            int[][] pairs = ringPairs(a);
            for (int[] p : pairs) {
                double[] circle = fitCircle(a, p[0], p[1]);
                double worst = 0;
                for (int i = 0; i < b.n(); i++) {
                    double dx = b.get(i, p[0]) - circle[0], dy = b.get(i, p[1]) - circle[1];
                    worst = Math.max(worst, Math.abs(Math.hypot(dx, dy) - circle[2]) / circle[2]);
                }
                assertTrue(worst < RESIDUAL, spec + ": seed 2 leaves the ring in columns " + p[0] + "," + p[1] + " by " + worst);
            }
            Dataset other = Datasets.generate(spec + ",instance=1", 200, 2);
            assertTrue(ringPairs(other).length == 0 || !java.util.Arrays.deepEquals(ringPairs(other), pairs),
                    spec + ": another instance permutes the columns otherwise");
        }
    }

    /**
     * The curved FLIPD mixtures: every point of seeds 1 and 2 is exactly f_k(W_k z) of the
     * instance-0 model at the latent its seed drew (the construction: the model only sees the
     * instance), and not of the instance-1 model.
     */
    @Test
    void curvedMixturesOfTwoSeedsLieOnTheInstanceModel() {
        record Case(String name, String spec, ManifoldMixture.Kind kind) {}
        for (Case c : List.of(new Case("squiggly", "D=10,dims=2-4,freq=5,standardize=false", ManifoldMixture.Kind.SQUIGGLY),
                new Case("rqnsf", "D=6,dims=2-3,blocks=2,standardize=false", ManifoldMixture.Kind.RQNSF))) {
            GeneratorInfo info = GeneratorRegistry.standard().find(c.name());
            Params p = new Params(c.name(), GeneratorRegistry.parameters(info), parse(c.spec()));
            ManifoldMixture.Model model = ManifoldMixture.build(p, Rng.of(0, RandomKeys.Purpose.INSTANCE).child(0), c.kind());
            ManifoldMixture.Model other = ManifoldMixture.build(p, Rng.of(1, RandomKeys.Purpose.INSTANCE).child(0), c.kind());
            for (long seed : new long[] {1, 2}) {
                Dataset ds = Datasets.generate(c.name() + ":" + c.spec(), 60, seed);
                double onModel = 0, onOther = 0;
                for (int i = 0; i < ds.n(); i++) {
                    double[] z = latentOf(model, seed, i, ds.n());
                    double[] x = model.map(ds.component()[i], z);
                    double[] y = other.map(ds.component()[i], z);
                    for (int j = 0; j < ds.dim(); j++) {
                        onModel = Math.max(onModel, Math.abs(x[j] - ds.get(i, j)) / (1 + Math.abs(x[j])));
                        onOther = Math.max(onOther, Math.abs(y[j] - ds.get(i, j)) / (1 + Math.abs(y[j])));
                    }
                }
                assertTrue(onModel < 1e-6, c.name() + " seed " + seed + ": off the instance-0 model by " + onModel);
                assertTrue(onOther > 1e-2, c.name() + " seed " + seed + ": instance 1 should be another manifold");
            }
        }
    }

    /** A point of a given seed does not move when n changes (every generator but the documented exceptions). */
    @Test
    void nDoesNotMoveThePointsOfASeed() {
        // skdim's cube surfaces fill faces in order with n/(2(d+1)) + 1 points each, and its helix
        // shifts every angle by 2 pi / n (both as the reference writes them): n is part of those samples
        Set<String> exceptions = Set.of("M10a_Cubic", "M10b_Cubic", "M10c_Cubic", "M10d_Cubic", "M5a_Helix1d");
        List<String> specs = new ArrayList<>();
        for (GeneratorInfo g : GeneratorRegistry.standard().generators()) {
            if (!exceptions.contains(g.name()) && !g.name().equals("rqnsf")) {
                specs.add(g.name());
            }
        }
        specs.add("rqnsf:blocks=2");
        specs.add("affine:D=10,dims=2-4-8,noise=0.1");
        specs.add("sphere:d=3,D=8,embed=rotate,noise=0.05,noise_type=uniform,standardize=true");
        for (String spec : specs) {
            Dataset small = Datasets.generate(spec, 30, 3);
            Dataset large = Datasets.generate(spec, 71, 3);
            for (int i = 0; i < small.n(); i++) {
                for (int j = 0; j < small.dim(); j++) {
                    assertEquals(small.get(i, j), large.get(i, j), spec + ": point " + i + " moved when n changed");
                }
                assertEquals(small.lid()[i], large.lid()[i], spec);
                assertEquals(small.component()[i], large.component()[i], spec);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Largest relative residual of b's points from the affine span of a's points of the same component. */
    static double worstSpanResidual(Dataset a, Dataset b) {
        double worst = 0;
        for (int k = 0; k < a.componentCount(); k++) {
            int rank = -1;
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < a.n(); i++) {
                if (a.component()[i] == k) {
                    pts.add(row(a, i));
                    rank = a.lid()[i];
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            int dim = a.dim();
            double[] mean = new double[dim];
            for (double[] p : pts) {
                for (int j = 0; j < dim; j++) {
                    mean[j] += p[j] / pts.size();
                }
            }
            // a's centred points span the component's directions: take their top singular vectors
            double[] centred = new double[pts.size() * dim];
            for (int i = 0; i < pts.size(); i++) {
                for (int j = 0; j < dim; j++) {
                    centred[i * dim + j] = pts.get(i)[j] - mean[j];
                }
            }
            int r = Math.max(rank, Checks.rank(centred, pts.size(), dim, 1e-5));
            double[] basis = topRightSingularVectors(centred, pts.size(), dim, r);
            for (int i = 0; i < b.n(); i++) {
                if (b.component()[i] != k) {
                    continue;
                }
                double[] v = row(b, i);
                double norm = 0;
                for (int j = 0; j < dim; j++) {
                    v[j] -= mean[j];
                    norm += v[j] * v[j];
                }
                for (int c = 0; c < r; c++) {
                    double dot = 0;
                    for (int j = 0; j < dim; j++) {
                        dot += v[j] * basis[c * dim + j];
                    }
                    for (int j = 0; j < dim; j++) {
                        v[j] -= dot * basis[c * dim + j];
                    }
                }
                double res = 0;
                for (double x : v) {
                    res += x * x;
                }
                worst = Math.max(worst, Math.sqrt(res / Math.max(norm, 1e-300)));
            }
        }
        return worst;
    }

    private static double[] row(Dataset ds, int i) {
        double[] r = new double[ds.dim()];
        for (int j = 0; j < ds.dim(); j++) {
            r[j] = ds.get(i, j);
        }
        return r;
    }

    /** The top r right singular vectors of a [rows, cols] (as rows of the result), by EJML's SVD. */
    private static double[] topRightSingularVectors(double[] a, int rows, int cols, int r) {
        var m = new org.ejml.data.DMatrixRMaj(rows, cols, true, a);
        var svd = org.ejml.dense.row.factory.DecompositionFactory_DDRM.svd(rows, cols, false, true, false);
        assertTrue(svd.decompose(m));
        var v = svd.getV(null, true);
        double[] s = svd.getSingularValues();
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(s[y], s[x]));
        double[] out = new double[r * cols];
        for (int c = 0; c < r; c++) {
            for (int j = 0; j < cols; j++) {
                out[c * cols + j] = v.get(order[c], j);
            }
        }
        return out;
    }

    /** Column pairs (a, b) on which a's points trace a circle (the rings of a Clifford torus), sorted. */
    private static int[][] ringPairs(Dataset ds) {
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < ds.dim(); a++) {
            for (int b = a + 1; b < ds.dim(); b++) {
                double[] c = fitCircle(ds, a, b);
                if (!(c[2] > 1e-6)) {
                    continue;
                }
                double worst = 0;
                for (int i = 0; i < ds.n(); i++) {
                    worst = Math.max(worst, Math.abs(Math.hypot(ds.get(i, a) - c[0], ds.get(i, b) - c[1]) - c[2]) / c[2]);
                }
                if (worst < 1e-4) {
                    pairs.add(new int[] {a, b});
                }
            }
        }
        return pairs.toArray(new int[0][]);
    }

    /** Least-squares circle (centre x, centre y, radius) through the points' columns a and b (Kasa fit). */
    private static double[] fitCircle(Dataset ds, int a, int b) {
        // x^2 + y^2 = 2 cx x + 2 cy y + (r^2 - cx^2 - cy^2): linear least squares in (cx, cy, c)
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        for (int i = 0; i < ds.n(); i++) {
            double x = ds.get(i, a), y = ds.get(i, b);
            double[] f = {2 * x, 2 * y, 1};
            double rhs = x * x + y * y;
            for (int p = 0; p < 3; p++) {
                atb[p] += f[p] * rhs;
                for (int q = 0; q < 3; q++) {
                    ata[p][q] += f[p] * f[q];
                }
            }
        }
        var m = new org.ejml.data.DMatrixRMaj(ata);
        var rhs = new org.ejml.data.DMatrixRMaj(3, 1, true, atb);
        var sol = new org.ejml.data.DMatrixRMaj(3, 1);
        if (!org.ejml.dense.row.CommonOps_DDRM.solve(m, rhs, sol)) {
            return new double[] {0, 0, Double.NaN};
        }
        double cx = sol.get(0), cy = sol.get(1);
        double r2 = sol.get(2) + cx * cx + cy * cy;
        return new double[] {cx, cy, r2 > 0 ? Math.sqrt(r2) : Double.NaN};
    }

    /** The latent of point i as the generator draws it: stream 0 of the sample labels components, stream 1 holds the latents. */
    private static double[] latentOf(ManifoldMixture.Model model, long seed, int i, int n) {
        Rng rng = Rng.of(seed, RandomKeys.Purpose.SAMPLE).child(0);
        rng.newStream(); // the component labels
        long stream = rng.newStream();
        int dmax = 0;
        for (int d : model.dims) {
            dmax = Math.max(dmax, d);
        }
        int[] comp = Mixtures.assign(n, model.weights, Rng.of(seed, RandomKeys.Purpose.SAMPLE).child(0));
        int d = model.dims[comp[i]];
        float[] buf = new float[dmax];
        double[] z = new double[dmax];
        ManifoldMixture.latent(model.latent, rng, stream, (long) i * dmax, buf, d, z);
        return java.util.Arrays.copyOf(z, d);
    }

    private static java.util.Map<String, String> parse(String kv) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String pair : kv.split(",")) {
            String[] p = pair.split("=");
            m.put(p[0], p[1]);
        }
        return m;
    }
}
