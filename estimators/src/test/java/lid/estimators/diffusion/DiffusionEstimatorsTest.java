package lid.estimators.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.LowRankMixture;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.LidEstimator;
import lid.models.DiffusionModel;
import lid.models.noise.VpSde;
import lid.models.oracles.GaussianMixtureOracle;
import lid.models.oracles.Oracles;
import org.junit.jupiter.api.Test;

/**
 * Model-based estimators on exact oracle scores (no training noise), against closed forms:
 * math.md 7.1 (FLIPD of a Gaussian), D + d/d delta log rho (FLIPD of a mixture), 7.5 and 8 (DSM
 * optimal loss and its Monte-Carlo noise floor), exact d for the normal and error bundles, and
 * the t -> 0 limits of ISM and FLIPD.
 */
class DiffusionEstimatorsTest {
    private static final VpSde VP = VpSde.standard();

    private static EstimatorResult run(LidEstimator e, String spec, float[] x, int n, int d, DiffusionModel m) {
        EstimationInput in = EstimationInput.builder(x, n, d).model(new ModelHandle(m)).seed(5).threads(2).build();
        return e.estimate(in, e.parse(spec));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** math.md 7.1: Lambda = diag(1, 0), x = (0.5, 0), D = 2. */
    @Test
    void flipdOfAGaussianMatchesTheClosedForm() {
        GaussianMixtureOracle g = GaussianMixtureOracle.gaussian(VP, new double[] {0, 0}, new double[][] {{1, 0}, {0, 0}});
        double[][] cases = {{0.01, 0.998504}, {0.05, 0.977709}, {0.1, 0.919522}, {0.3, 0.456147}};
        for (double[] c : cases) {
            double got = run(new Flipd(), "flipd:t0=" + c[0], new float[] {0.5f, 0f}, 1, 2, g).pointwise()[0];
            assertEquals(c[1], got, 1e-4 * c[1], "t0=" + c[0]);
        }
    }

    /** 7.1 in general position: a rotated rank-3 Gaussian in R^8 with unequal eigenvalues, random points. */
    @Test
    void flipdOfARotatedLowRankGaussianMatchesTheClosedForm() {
        int dim = 8;
        java.util.Random rnd = new java.util.Random(3);
        double[][] basis = randomOrthonormal(3, dim, 3);
        double[] lambda = {2.0, 0.7, 0.3};
        double[] mu = new double[dim];
        for (int i = 0; i < dim; i++) {
            mu[i] = 0.1 * (i - 3);
        }
        double[][] cov = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                for (int r = 0; r < 3; r++) {
                    cov[i][j] += basis[r][i] * lambda[r] * basis[r][j];
                }
            }
        }
        GaussianMixtureOracle g = GaussianMixtureOracle.gaussian(VP, mu, cov);
        int n = 6;
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (double t : new double[] {0.02, 0.1, 0.4}) {
            double[] got = run(new Flipd(), "flipd:t0=" + t, x, n, dim, g).pointwise();
            double psi = VP.a(t), sig = VP.b(t);
            for (int p = 0; p < n; p++) {
                // z = Q^T (x - mu) over the full eigenbasis: rank directions (lambda) and the complement (0)
                double want = dim;
                double normalSq = 0, total = 0;
                for (int i = 0; i < dim; i++) {
                    total += Math.pow(x[p * dim + i] - mu[i], 2);
                }
                double tangentSq = 0;
                for (int r = 0; r < 3; r++) {
                    double z = 0;
                    for (int i = 0; i < dim; i++) {
                        z += basis[r][i] * (x[p * dim + i] - mu[i]);
                    }
                    double den = psi * psi * lambda[r] + sig * sig;
                    want += -sig * sig / den + sig * sig * psi * psi * z * z / (den * den);
                    tangentSq += z * z;
                }
                normalSq = total - tangentSq;
                want += -(dim - 3) + psi * psi * normalSq / (sig * sig); // lambda = 0 directions
                assertEquals(want, got[p], 1e-4 * Math.abs(want) + 1e-4, "t=" + t + " point " + p);
            }
        }
    }

    /** FLIPD of a mixture equals D + d log rho / d delta (delta = log sigma_eff), by central differences in double. */
    @Test
    void flipdOfAMixtureEqualsTheLogDensitySlope() {
        Dataset ds = Datasets.load("molrg:D=6,dims=2-3", 20, 4);
        LowRankMixture mix = ds.mixture();
        GaussianMixtureOracle g = GaussianMixtureOracle.of(mix, VP);
        int n = 5, dim = 6;
        float[] x = java.util.Arrays.copyOf(ds.x(), n * dim);
        for (double t : new double[] {0.05, 0.2}) {
            double[] got = run(new Flipd(), "flipd:t0=" + t, x, n, dim, g).pointwise();
            double delta = Math.log(VP.b(t) / VP.a(t));
            for (int p = 0; p < n; p++) {
                double h = 1e-4;
                double slope = (logRho(mix, x, p, delta + h) - logRho(mix, x, p, delta - h)) / (2 * h);
                assertEquals(dim + slope, got[p], 1e-4 * Math.abs(dim + slope) + 1e-4, "t=" + t + " point " + p);
            }
        }
    }

    /** log of the mixture density convolved with N(0, e^{2 delta} I) at point p, in double. */
    private static double logRho(LowRankMixture mix, float[] x, int p, double delta) {
        int dim = mix.dim();
        double s2 = Math.exp(2 * delta);
        double total = 0;
        for (LowRankMixture.Component c : mix.components()) {
            double[][] cov = new double[dim][dim];
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    for (int r = 0; r < c.rank(); r++) {
                        cov[i][j] += c.basis(i, r) * c.scales()[r] * c.scales()[r] * c.basis(j, r);
                    }
                }
                cov[i][i] += s2 + c.noiseStd()[i] * c.noiseStd()[i];
            }
            org.ejml.simple.SimpleMatrix m = new org.ejml.simple.SimpleMatrix(cov);
            double[] diff = new double[dim];
            for (int i = 0; i < dim; i++) {
                diff[i] = x[p * dim + i] - c.mean()[i];
            }
            org.ejml.simple.SimpleMatrix v = new org.ejml.simple.SimpleMatrix(dim, 1, true, diff);
            double quad = v.transpose().mult(m.solve(v)).get(0, 0);
            double logDet = Math.log(m.determinant());
            total += c.weight() * Math.exp(-0.5 * quad - 0.5 * logDet - 0.5 * dim * Math.log(2 * Math.PI));
        }
        return Math.log(total);
    }

    /** 7.5 and 8: DSM-LID of the optimal model averages to L* = sum lambda/(lambda + sigma^2), within sqrt(2d/m)/sqrt(n). */
    @Test
    void dsmLidOfTheOracleSitsAtTheOptimalLossWithinTheNoiseFloor() {
        int n = 400, dim = 20, d = 5, m = 8;
        Dataset ds = Datasets.load("gaussian:D=20,d=5", n, 7);
        DiffusionModel g = Oracles.forDataset(ds, VP);
        double t = 0.03;
        double sigma = VP.b(t) / VP.a(t);
        double lStar = 0;
        for (GaussianMixtureOracle.Component c : ((GaussianMixtureOracle) g).components()) {
            for (double lam : c.lambda()) {
                lStar += lam / (lam + sigma * sigma);
            }
        }
        EstimatorResult r = run(new DsmLid(), "dsm:t=" + t + ":m=" + m, ds.x(), n, dim, g);
        double floor = Math.sqrt(2.0 * d / m);
        assertEquals(lStar, mean(r.pointwise()), 4 * floor / Math.sqrt(n), "mean DSM-LID vs L*");
        double mae = 0;
        for (double v : r.pointwise()) {
            mae += Math.abs(v - d) / n;
        }
        assertTrue(mae < floor, "MAE " + mae + " should sit under the noise floor " + floor);
        // Orthogonalised draws lower the Monte-Carlo variance over draw sets (math.md 8: by about
        // (1 - m/D)(1 - d/D) = 0.45 here): the spread of one point's estimate over 60 seeds.
        float[] one = java.util.Arrays.copyOf(ds.x(), dim);
        double[] plain = new double[60], ortho = new double[60];
        for (int s = 0; s < 60; s++) {
            plain[s] = runSeed(new DsmLid(), "dsm:t=" + t + ":m=" + m, one, dim, g, s);
            ortho[s] = runSeed(new DsmLid(), "dsm:t=" + t + ":m=" + m + ":ortho=true", one, dim, g, s);
        }
        assertTrue(spread(ortho) < 0.85 * spread(plain), "orthogonal draws lower the variance: " + spread(ortho)
                + " vs " + spread(plain));
        assertEquals(floor, spread(plain), 0.35 * floor, "the spread over draw sets is the noise floor sqrt(2d/m)");
    }

    private static double runSeed(LidEstimator e, String spec, float[] x, int d, DiffusionModel m, long seed) {
        EstimationInput in = EstimationInput.builder(x, 1, d).model(new ModelHandle(m)).seed(seed).threads(1).build();
        return e.estimate(in, e.parse(spec)).pointwise()[0];
    }

    private static double spread(double[] v) {
        double mu = mean(v), s = 0;
        for (double x : v) {
            s += (x - mu) * (x - mu);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    @Test
    void normalAndErrorBundlesRecoverTheDimensionExactly() {
        int n = 60, dim = 16;
        Dataset ds = Datasets.load("molrg:D=16,dims=2-5", n, 9);
        DiffusionModel g = Oracles.forDataset(ds, VP);
        double[] nb = run(new NormalBundle(), "nb:t=0.01", ds.x(), n, dim, g).pointwise();
        double[] eb = run(new ErrorBundle(), "eb:t=0.01:m=128:tau=0.25", ds.x(), n, dim, g).pointwise();
        int nbExact = 0, ebExact = 0;
        for (int p = 0; p < n; p++) {
            nbExact += nb[p] == ds.lid()[p] ? 1 : 0;
            ebExact += eb[p] == ds.lid()[p] ? 1 : 0;
        }
        assertEquals(n, nbExact, "normal bundle exact on every point");
        assertEquals(n, ebExact, "error bundle exact on every point");
    }

    @Test
    void ismAndFlipdTendToTheDimensionAsTimeGoesToZero() {
        int n = 50, dim = 12, d = 4;
        Dataset ds = Datasets.load("gaussian:D=12,d=4", n, 2);
        DiffusionModel g = Oracles.forDataset(ds, VP);
        double prevFlipd = Double.POSITIVE_INFINITY, prevIsm = Double.POSITIVE_INFINITY;
        for (double t : new double[] {0.1, 0.01, 0.001}) {
            double ef = Math.abs(mean(run(new Flipd(), "flipd:t0=" + t, ds.x(), n, dim, g).pointwise()) - d);
            double ei = Math.abs(mean(run(new IsmLid(), "ism:t=" + t, ds.x(), n, dim, g).pointwise()) - d);
            assertTrue(ef < prevFlipd && ei < prevIsm, "errors shrink as t -> 0 (t=" + t + ": " + ef + ", " + ei + ")");
            prevFlipd = ef;
            prevIsm = ei;
        }
        assertTrue(prevFlipd < 0.02 && prevIsm < 0.02, "at t=0.001: " + prevFlipd + ", " + prevIsm);
        // Hutchinson agrees with the exact trace within its standard error: Gaussian probes have
        // variance 2 ||J||_F^2 per probe, ||J||_F^2 ~ (D - d) / b^2 here, and b multiplies the trace.
        double b = VP.b(0.05);
        int probes = 2000;
        double se = b * Math.sqrt(2 * (dim - d) / (b * b) / probes);
        double exact = mean(run(new Flipd(), "flipd:t0=0.05", ds.x(), n, dim, g).pointwise());
        double hutch = mean(run(new Flipd(), "flipd:t0=0.05:probes=" + probes + ":probe=gaussian", ds.x(), n, dim, g)
                .pointwise());
        assertEquals(exact, hutch, 4 * se, "4 standard errors = " + 4 * se);
    }

    @Test
    void fpRegressAndKneeOnAGaussian() {
        int n = 30, dim = 10, d = 3;
        Dataset ds = Datasets.load("gaussian:D=10,d=3", n, 6);
        DiffusionModel g = Oracles.forDataset(ds, VP);
        // With the reference's 8 deltas the backward Euler steps over a 1/t-shaped rate are
        // coarse (FP-regress's known bias); with many steps the scheme converges to d.
        double coarse = mean(run(new FpRegress(), "fpregress", ds.x(), n, dim, g).pointwise());
        double fine = mean(run(new FpRegress(), "fpregress:deltas=96", ds.x(), n, dim, g).pointwise());
        assertTrue(Math.abs(fine - d) < Math.abs(coarse - d), "finer steps approach d: " + fine + " vs " + coarse);
        assertEquals(d, fine, 0.15, "FP-regress with 96 steps");
        EstimatorResult knee = run(new Flipd(), "flipd:t0=knee", ds.x(), n, dim, g);
        for (double v : knee.pointwise()) {
            assertTrue(v > 0 && v <= dim, "knee estimate within (0, D]: " + v);
        }
    }

    @Test
    void closedFormDiffusionOfTwoPoints() {
        // two points at distance r: for either, LID = 2 p r^2 / tau with p = e^{-r^2/tau} / (1 + e^{-r^2/tau})
        float[] x = {0, 0, 0.3f, 0.4f};
        double t = 0.1, bigB = 0.1 * t + 0.5 * 19.9 * t * t, tau = 2 * Math.expm1(bigB), r2 = 0.25;
        double p = Math.exp(-r2 / tau) / (1 + Math.exp(-r2 / tau));
        EstimationInput in = EstimationInput.builder(x, 2, 2).build();
        Cfdm c = new Cfdm();
        double[] lid = c.estimate(in, c.parse("cfdm:t=0.1")).pointwise();
        assertEquals(2 * p * r2 / tau, lid[0], 1e-6);
        assertEquals(lid[0], lid[1], 1e-12);
    }

    @Test
    void kneedleFindsTheElbowAndNothingOnALine() {
        double[] x = new double[40], y = new double[40], line = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = i / 39.0;
            y[i] = x[i] < 0.25 ? 10 - 36 * x[i] : 1.2 - 0.8 * x[i]; // convex, decreasing, elbow at 0.25
            line[i] = 5 - 3 * x[i];
        }
        int k = Kneedle.kneeIndex(x, y, 1.0);
        assertTrue(Math.abs(x[k] - 0.25) < 0.03, "knee at " + x[k]);
        assertEquals(-1, Kneedle.kneeIndex(x, line, 1.0));
    }

    @Test
    void clearErrorsWithoutAModelOrWithBadOptions() {
        EstimationInput in = EstimationInput.builder(new float[] {1, 2, 3, 4}, 2, 2).build();
        for (LidEstimator e : List.of(new DsmLid(), new Flipd(), new IsmLid(), new NormalBundle(), new ErrorBundle(),
                new FpRegress(), new Lidl())) {
            var ex = assertThrows(IllegalArgumentException.class, () -> e.estimate(in, e.parse(e.name())));
            assertTrue(ex.getMessage().contains("needs a diffusion model"), ex.getMessage());
        }
        GaussianMixtureOracle g = GaussianMixtureOracle.gaussian(VP, new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
        var ex = assertThrows(IllegalArgumentException.class,
                () -> run(new Flipd(), "flipd:t0=soon", new float[] {0, 0}, 1, 2, g));
        assertTrue(ex.getMessage().contains("'knee'"), ex.getMessage());
    }

    /** k orthonormal rows in R^dim (a Haar-random frame, as the generators draw them). */
    private static double[][] randomOrthonormal(long seed, int dim, int k) {
        double[] q = lid.datasets.generators.Linalg.randomOrthonormal(dim, k, new lid.datasets.generators.Rng(seed));
        double[][] rows = new double[k][dim];
        for (int r = 0; r < k; r++) {
            for (int i = 0; i < dim; i++) {
                rows[r][i] = q[i * k + r];
            }
        }
        return rows;
    }
}
