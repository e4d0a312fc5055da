package lid.estimators.classical;

import static lid.estimators.Fixtures.assertAbs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lid.datasets.generators.Linalg;
import lid.datasets.generators.Rng;
import lid.datasets.generators.Spheres;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.Fixtures;
import org.junit.jupiter.api.Test;

/** Closed forms and large-sample limits on data whose dimension is known exactly. */
class OracleTest {

    /** z [n, d] embedded by a random orthonormal d-frame into R^D. */
    static double[] embed(float[] z, int n, int d, int dim, long seed) {
        double[] q = Linalg.randomOrthonormal(dim, d, new Rng(seed)); // [dim, d], orthonormal columns
        double[] x = new double[n * dim];
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < dim; t++) {
                for (int i = 0; i < d; i++) {
                    x[p * dim + t] += z[p * d + i] * q[t * d + i];
                }
            }
        }
        return x;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Test
    void pcaRulesOnAFlatSubspaceAreExact() {
        // uniform cube [-1, 1]^4 rotated into R^12: rank 4 exactly, globally and in every neighbourhood
        int n = 2000;
        int d = 4;
        float[] z = new Rng(5).uniform(n * d);
        for (int i = 0; i < z.length; i++) {
            z[i] = 2 * z[i] - 1;
        }
        EstimationInput in = EstimationInput.builder(embed(z, n, d, 12, 6), n, 12).threads(2).build();
        EstimatorResult fo = Fixtures.run(in, "lpca:nbhd=40");
        assertEquals(4, fo.global());
        for (double v : fo.pointwise()) {
            assertEquals(4, v);
        }
        assertEquals(4, Fixtures.global(in, "lpca:ver=maxgap:pw=false"), "lambda_4 / lambda_5 = x / 0 wins");
        assertEquals(4, Fixtures.global(in, "lpca:ver=Kaiser:pw=false"));
        // isotropic: participation ratio = d up to sampling noise of the four equal variances
        assertAbs(4, Fixtures.global(in, "lpca:ver=participation_ratio:pw=false"), 0.02, "PR");
    }

    @Test
    void localEstimatorsOnTheInteriorOfAUniformBall() {
        // 12000 points uniform in the 5-ball, rotated into R^8; queries deep inside, where the k-NN
        // balls stay in the ball and the density is constant (a Poisson process locally)
        int n = 12000;
        int d = 5;
        float[] z = Spheres.ball(n, d, 1, new Rng(1));
        List<Integer> inner = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += z[p * d + i] * z[p * d + i];
            }
            if (s < 0.25) {
                inner.add(p);
            }
        }
        int[] q = inner.stream().mapToInt(Integer::intValue).toArray();
        EstimationInput in = EstimationInput.builder(embed(z, n, d, 8, 2), n, 8).queries(q).threads(2).build();
        // sum_j ln(R_k / R_j) ~ Gamma(k - 1, d): E[(k - 2) / sum] = d exactly, E[(k - 1) / sum] = d (k-1)/(k-2)
        assertAbs(5, mean(Fixtures.run(in, "mle:unbiased=true").pointwise()), 0.2, "unbiased MLE");
        assertAbs(5 * 19.0 / 18, mean(Fixtures.run(in, "mle").pointwise()), 0.2, "MLE k-1");
        // the Levina-Bickel k-range average lies between its ends
        double lb = mean(Fixtures.run(in, "mle:k1=10:k2=20:unbiased=true").pointwise());
        assertAbs(5, lb, 0.25, "Levina-Bickel average");
        assertAbs(5, Fixtures.global(in, "ess:k=50"), 0.15, "ESS (its reference curve is the uniform ball's)");
        for (String spec : new String[] {"mada", "tle", "mom"}) {
            assertAbs(5, Fixtures.global(in, spec), 0.6, spec);
        }
        // global estimators see the boundary too, so only roughly
        assertAbs(5, Fixtures.global(in, "twonn:pw=false"), 0.35, "TwoNN");
        assertAbs(5, Fixtures.global(in, "mind:pw=false"), 0.35, "MiND_MLk");
        // Haro's noise correction with a negligible sigma is the plain MLE
        double[] plain = Fixtures.run(in, "mle").pointwise();
        double[] noisy = Fixtures.run(in, "mle:sigma=1e-7").pointwise();
        for (int i = 0; i < 20; i++) {
            assertAbs(plain[i], noisy[i], 1e-4 * plain[i], "sigma -> 0");
        }
    }

    @Test
    void fisherSOnAGaussian() {
        // FisherS's model: the whitened Gaussian projected onto the sphere is uniform on S^(d-1)
        int n = 3000;
        int d = 6;
        float[] z = new Rng(9).normal(n * d);
        EstimationInput in = EstimationInput.builder(embed(z, n, d, 10, 3), n, 10).threads(2).build();
        assertAbs(6, Fixtures.global(in, "fishers:pw=false"), 0.3, "FisherS");
    }

    @Test
    void essReferenceCurveValues() {
        // fixtures.md 3
        double[] a1 = {0, .636620, .785398, .848826, .883573, .905415, .920388, .931284, .939563, .946066};
        double[] b = {1, .636620, .5, .424413, .375, .339531, .3125, .291026, .273438, .258690};
        double[] a2 = {0, 0, .392699, .565884, .662680, .724332, .766990, .798243, .822118, .840948};
        assertArrayEquals(a1, Ess.reference("a", 1, 10, 1), 6e-7);
        assertArrayEquals(b, Ess.reference("b", 1, 10, 1), 6e-7);
        assertArrayEquals(a2, Ess.reference("a", 2, 10, 1), 6e-7);
        // inversion: the fixture's ESS value lies between n = 5 and 6
        assertAbs(5.08681575, Ess.invert(0.88546915, "a", 1), 1e-7, "inversion");
        // exact reference values invert to integers, also beyond the first table (20 -> 38 -> ...)
        for (int dim : new int[] {3, 7, 25, 60}) {
            assertAbs(dim, Ess.invert(Ess.reference("a", 1, dim, dim)[0], "a", 1), 1e-9, "a, n=" + dim);
            assertAbs(dim, Ess.invert(Ess.reference("b", 1, dim, dim)[0], "b", 1), 1e-9, "b, n=" + dim);
        }
    }

    @Test
    void duplicatesAreHandledAsDocumented() {
        double[] x = Fixtures.ball30();
        double[] dup = new double[31 * 10];
        System.arraycopy(x, 0, dup, 0, 300);
        System.arraycopy(x, 40, dup, 300, 10); // point 30 duplicates point 4
        EstimationInput withDup = Fixtures.input(dup, 31, 10);
        EstimationInput plain = Fixtures.input(x, 30, 10);
        // MADA skips zero distances: point 4 sees the same nonzero distances as without its duplicate
        assertEquals(Fixtures.run(plain, "mada:k=10").pointwise()[4], Fixtures.run(withDup, "mada:k=10").pointwise()[4], 1e-15);
        // TwoNN leaves out the two points whose nearest distance is 0 (mu undefined) and fits the
        // other 29; skdim keeps them (their infinite mu fall into the discarded 10 %) and counts 31
        double textbook = Fixtures.global(withDup, "twonn:pw=false");
        double[] mu = new double[31];
        lid.estimators.knn.KnnGraph g = withDup.knnAll(2);
        for (int i = 0; i < 31; i++) {
            mu[i] = g.distance(i, 1) / g.distance(i, 0);
        }
        double[] finite = java.util.Arrays.stream(mu).filter(Double::isFinite).toArray();
        assertEquals(29, finite.length);
        assertEquals(TwoNn.fit(finite, 0.1, false, true), textbook, 0);
        assertEquals(TwoNn.fit(mu, 0.1, false, true), Fixtures.global(withDup, "twonn:pw=false:skdim=true"), 0);
        assertTrue(textbook != Fixtures.global(withDup, "twonn:pw=false:skdim=true"));
        // MLE at a duplicated point: ln(R_k / 0) is infinite, so m = 0, as in skdim
        assertEquals(0, Fixtures.run(withDup, "mle").pointwise()[4]);
    }
}
