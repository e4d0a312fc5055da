package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.datasets.Checks;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import org.junit.jupiter.api.Test;

/** Geometric invariants of the sphere, ball, tori, twin peaks and Campadelli generators. */
class SimpleManifoldsTest {
    @Test
    void sphereRowsHaveTheRadius() {
        Dataset ds = Datasets.generate("sphere:d=4,radius=2.5", 2000, 1);
        assertEquals(5, ds.dim());
        for (int i = 0; i < ds.n(); i++) {
            assertEquals(2.5, Checks.norm(ds, i, 0, 5), 1e-5);
            assertEquals(4, ds.lid()[i]);
        }
        double[] mean = Checks.columnMeans(ds);
        for (double m : mean) {
            assertEquals(0, m, 0.15, "uniform on the sphere is centred");
        }
    }

    @Test
    void ballIsUniform() {
        int d = 5;
        int n = 20_000;
        Dataset ds = Datasets.generate("ball:d=5", n, 2);
        int inner = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double r = Checks.norm(ds, i, 0, d);
            assertTrue(r <= 1 + 1e-6);
            inner += r <= Math.pow(0.5, 1.0 / d) ? 1 : 0;
            sq += r * r;
        }
        // |x|^d ~ U(0,1): half the points inside radius 0.5^(1/d); E|x|^2 = d/(d+2)
        assertEquals(0.5, inner / (double) n, 4 * Math.sqrt(0.25 / n));
        assertEquals(d / (d + 2.0), sq / n, 0.01);
    }

    @Test
    void flatTorusPairsLieOnCircles() {
        Dataset ds = Datasets.generate("flat_torus:d=3,radius=0.5", 500, 3);
        assertEquals(6, ds.dim());
        for (int i = 0; i < ds.n(); i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(0.5, Checks.norm(ds, i, 2 * k, 2 * k + 2), 1e-6);
            }
        }
    }

    @Test
    void cliffordTorusIsAPermutedProductOfCircles() {
        int d = 4;
        int dim = 12;
        Dataset ds = Datasets.generate("clifford:d=4,D=12", 500, 4);
        assertEquals(dim, ds.dim());
        int zeroColumns = 0;
        for (int j = 0; j < dim; j++) {
            boolean zero = true;
            for (int i = 0; i < ds.n(); i++) {
                zero &= ds.get(i, j) == 0f;
            }
            zeroColumns += zero ? 1 : 0;
        }
        assertEquals(dim - 2 * d, zeroColumns, "the padding columns are the same for every row");
        for (int i = 0; i < ds.n(); i++) {
            assertEquals(Math.sqrt(d), Checks.norm(ds, i, 0, dim), 1e-5);
        }
        Dataset plain = Datasets.generate("clifford:d=4,D=12,permute=false", 500, 4);
        for (int i = 0; i < plain.n(); i++) {
            for (int k = 0; k < d; k++) {
                assertEquals(1, Checks.norm(plain, i, 2 * k, 2 * k + 2), 1e-6);
            }
            assertEquals(0, Checks.norm(plain, i, 2 * d, dim));
        }
        boolean moved = false;
        for (int j = 0; j < 2 * d; j++) {
            moved |= ds.get(0, j) != plain.get(0, j);
        }
        assertTrue(moved, "permute=true moves columns");
    }

    @Test
    void twinPeaksHeightIsTheProductOfSines() {
        Dataset ds = Datasets.generate("twin_peaks:d=3,height=2", 500, 5);
        for (int i = 0; i < ds.n(); i++) {
            double prod = 2;
            for (int j = 0; j < 3; j++) {
                float u = ds.get(i, j);
                assertTrue(u >= 0 && u < 1);
                prod *= Math.sin(2 * Math.PI * u);
            }
            assertEquals(prod, ds.get(i, 3), 1e-6);
        }
    }

    @Test
    void campadelliNonlinearRepeatsItsBlocksWithinTheirRanges() {
        int d = 6;
        Dataset ds = Datasets.generate("campadelli_n:d=6", 500, 6);
        assertEquals(4 * d, ds.dim());
        for (int i = 0; i < ds.n(); i++) {
            for (int k = 0; k < d; k++) {
                float t1 = ds.get(i, k);
                float t2 = ds.get(i, d + k);
                assertEquals(t1, ds.get(i, 2 * d + k));
                assertEquals(t2, ds.get(i, 3 * d + k));
                assertTrue(t1 >= 0 && t1 <= Math.tan(1) + 1e-6);
                assertTrue(t2 >= 0 && t2 <= Math.atan(Math.sin(1)) + 1e-6);
            }
            // X_k = atan(t1_k) / cos X_(d-1-k) and X_(d-1-k) = tan(t2_k) / sin X_k are consistent
            double[] x = new double[d];
            for (int k = 0; k < d; k++) {
                x[k] = solveX(ds.get(i, k), ds.get(i, d + (d - 1 - k)));
            }
            for (int k = 0; k < d; k++) {
                assertEquals(Math.tan(x[k] * Math.cos(x[d - 1 - k])), ds.get(i, k), 1e-4);
                assertEquals(Math.atan(x[d - 1 - k] * Math.sin(x[k])), ds.get(i, d + k), 1e-4);
            }
        }
    }

    /**
     * X_k from t1_k = tan(X_k cos X_j) and t2_j = atan(X_k sin X_j) with j = d-1-k: with a = atan(t1),
     * b = tan(t2): X cos Y = a, X sin Y = b, so X = hypot(a, b).
     */
    private static double solveX(double t1, double t2Mirror) {
        return Math.hypot(Math.atan(t1), Math.tan(t2Mirror));
    }

    @Test
    void betaManifoldFollowsItsFormulaAndBetaMean() {
        int d = 4;
        int n = 5000;
        Dataset ds = Datasets.generate("campadelli_beta:d=4", n, 7);
        double sum = 0;
        int used = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double t1 = ds.get(i, k);
                double t2 = ds.get(i, d + k);
                assertEquals(t1, ds.get(i, 2 * d + k), 0);
                // t1 = X sin(cos 2 pi X) increases on [0.5616, 1], steeply from 0.7: invert it there, check t2
                if (t1 < g(0.7)) {
                    continue;
                }
                double lo = 0.7;
                double hi = 1;
                for (int it = 0; it < 60; it++) {
                    double mid = (lo + hi) / 2;
                    if (g(mid) < t1) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                double x = (lo + hi) / 2;
                assertEquals(x * Math.cos(Math.sin(2 * Math.PI * x)), t2, 2e-4);
                sum += x;
                used++;
            }
        }
        assertTrue(used > 0.99 * n * d, "Beta(10, 0.5) puts almost no mass below 0.7");
        // E X = alpha / (alpha + beta) = 10 / 10.5; sd 0.0628 -> standard error 0.0005
        assertEquals(10 / 10.5, sum / used, 0.003);
    }

    private static double g(double x) {
        return x * Math.sin(Math.cos(2 * Math.PI * x));
    }

    @Test
    void paraboloidBlocksAreYSinYAndYSquared() {
        int d = 3;
        Dataset ds = Datasets.generate("paraboloid:d=3", 500, 8);
        assertEquals(12, ds.dim());
        for (int i = 0; i < ds.n(); i++) {
            double sq = 0;
            for (int k = 0; k < d; k++) {
                float y = ds.get(i, k);
                assertTrue(y > 0 && y < 1);
                sq += (double) y * y;
            }
            assertEquals(sq, ds.get(i, d), 1e-5);
            for (int k = 0; k <= d; k++) {
                float y = ds.get(i, k);
                assertEquals(Math.sin(y), ds.get(i, d + 1 + k), 1e-6);
                assertEquals((double) y * y, ds.get(i, 2 * (d + 1) + k), 1e-5);
            }
        }
    }

    @Test
    void scoreMatchingPresetsHaveTheirShapesAndNormalisation() {
        int[][] expected = {{64, 16}, {64, 16}, {256, 128}, {128, 32}, {128, 32}};
        for (int m = 0; m < 5; m++) {
            String name = ScoreMatchingBenchmark.NAMES.get(m);
            Dataset ds = Datasets.generate(name, 4000, m);
            assertEquals(expected[m][0], ds.dim(), name);
            assertEquals(expected[m][1], ds.lid()[0], name);
            double[] mean = Checks.columnMeans(ds);
            double[] std = Checks.columnStds(ds);
            double max = 0;
            for (int j = 0; j < ds.dim(); j++) {
                assertEquals(0, mean[j], 0.1, name);
                max = Math.max(max, std[j]);
            }
            // divided by (max std + 1e-5) of the manifold: the largest column std is near 1 (sampling error only)
            assertTrue(max < 1.1 && max > 0.9, name + " max std " + max);
        }
    }

    @Test
    void normalisationIsOneScalarSoTheSphereStaysRound() {
        Dataset raw = Datasets.generate("sphere:d=16,D=64", 300, 9);
        Dataset sm = Datasets.generate("sm_hypersphere", 300, 9);
        double[][] map = Checks.columnMap(raw, sm);
        for (int j = 0; j < 17; j++) {
            assertEquals(map[1][0], map[1][j], 1e-4 * map[1][0], "one divisor for every column (column " + j + ")");
            assertEquals(0, map[0][j], 0.05, "the sphere's centre is near 0");
        }
        // the divisor is the manifold's max column std + 1e-5: 1/sqrt(17) for the unit 16-sphere
        assertEquals(1 / Math.sqrt(17) + 1e-5, map[1][0], 0.01);
        for (int j = 17; j < 64; j++) {
            assertEquals(0f, sm.get(0, j), "zero padding, no rotation");
        }
    }
}
