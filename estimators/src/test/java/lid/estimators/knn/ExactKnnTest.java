package lid.estimators.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lid.kernels.Parallel;
import org.junit.jupiter.api.Test;

/** The GEMM kNN against the scalar reference: identical indices and distances, bit for bit. */
class ExactKnnTest {

    private static double[] gaussian(int n, int dim, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static void assertSame(KnnGraph expected, KnnGraph actual, String what) {
        assertEquals(expected.k(), actual.k(), what + ": k");
        assertArrayEquals(expected.queries(), actual.queries(), what + ": queries");
        assertArrayEquals(expected.indices(), actual.indices(), what + ": indices");
        assertArrayEquals(expected.distances(), actual.distances(), 0.0, what + ": distances");
    }

    @Test
    void smallOddSizesMatchTheReference() {
        int[][] shapes = {{2, 1, 1}, {3, 2, 2}, {7, 3, 6}, {17, 5, 4}, {31, 1, 30}, {33, 33, 7}, {65, 9, 64}};
        for (int[] s : shapes) {
            double[] x = gaussian(s[0], s[1], s[0] * 31L + s[1]);
            KnnGraph ref = BruteForceKnn.compute(x, s[0], s[1], s[2]);
            assertSame(ref, ExactKnn.compute(x, s[0], s[1], s[2], Parallel.of(2)), "n=" + s[0] + " dim=" + s[1]);
            // the reference itself: sorted by (distance, index), self excluded
            for (int q = 0; q < s[0]; q++) {
                for (int j = 0; j < s[2]; j++) {
                    assertTrue(ref.neighbour(q, j) != q, "self excluded");
                    if (j > 0) {
                        assertTrue(ref.distance(q, j - 1) <= ref.distance(q, j), "ascending");
                    }
                }
            }
        }
    }

    @Test
    void gemmPathMatchesTheReferenceOnOddShapes() {
        // large enough for the tiled GEMM path (not the small-problem fallback), odd tile remainders
        int[][] shapes = {{1001, 7, 10}, {2050, 3, 20}, {777, 33, 15}, {1500, 100, 5}};
        for (int[] s : shapes) {
            double[] x = gaussian(s[0], s[1], s[0] + 7L * s[1]);
            assertSame(BruteForceKnn.compute(x, s[0], s[1], s[2]), ExactKnn.compute(x, s[0], s[1], s[2], Parallel.of(2)),
                    "n=" + s[0] + " dim=" + s[1]);
        }
    }

    @Test
    void exactTiesAndDuplicatesAreOrderedByIndex() {
        // an integer grid: many equal distances; plus exact duplicate rows
        int side = 12;
        int dim = 3;
        int n = side * side * side + 40;
        double[] x = new double[n * dim];
        int p = 0;
        for (int a = 0; a < side; a++) {
            for (int b = 0; b < side; b++) {
                for (int c = 0; c < side; c++) {
                    x[p * dim] = a;
                    x[p * dim + 1] = b;
                    x[p * dim + 2] = c;
                    p++;
                }
            }
        }
        Random r = new Random(3);
        for (; p < n; p++) {
            int src = r.nextInt(side * side * side);
            System.arraycopy(x, src * dim, x, p * dim, dim);
        }
        int k = 26;
        KnnGraph ref = BruteForceKnn.compute(x, n, dim, k);
        KnnGraph fast = ExactKnn.compute(x, n, dim, k, Parallel.of(2));
        assertSame(ref, fast, "grid with duplicates");
        // an interior grid point: 6 neighbours at distance 1 in index order, then 12 at sqrt(2)
        int interior = (5 * side + 5) * side + 5;
        int[] nb = fast.neighbours(interior);
        double[] d = fast.distances(interior);
        int firstOne = 0;
        while (d[firstOne] == 0) {
            firstOne++; // duplicates of the point come first, at distance 0
        }
        for (int j = firstOne; j < firstOne + 6; j++) {
            assertEquals(1.0, d[j], 0.0);
            if (j > firstOne) {
                assertTrue(nb[j - 1] < nb[j], "ties in index order");
            }
        }
        assertEquals(Math.sqrt(2), d[firstOne + 6], 0.0);
    }

    @Test
    void sameResultForEveryThreadCountAndQuerySubset() {
        double[] x = gaussian(1200, 12, 9);
        KnnGraph one = ExactKnn.compute(x, 1200, 12, 9, Parallel.serial());
        KnnGraph two = ExactKnn.compute(x, 1200, 12, 9, Parallel.of(2));
        assertSame(one, two, "1 vs 2 threads");
        int[] queries = {1199, 0, 600, 3, 3};
        KnnGraph sub = ExactKnn.compute(x, 1200, 12, queries, 9, Parallel.of(2));
        for (int q = 0; q < queries.length; q++) {
            assertArrayEquals(one.neighbours(queries[q]), sub.neighbours(q), "query " + queries[q]);
            assertArrayEquals(one.distances(queries[q]), sub.distances(q), 0.0);
        }
    }

    @Test
    void farFromTheOriginTinyOrHugeScales() {
        // the GEMM identity cancels badly without centring; and float would overflow or underflow without scaling
        for (double[] ab : new double[][] {{1e6, 1}, {0, 1e-30}, {0, 1e30}, {-3e8, 1e-3}}) {
            double[] x = gaussian(900, 10, 5);
            for (int i = 0; i < x.length; i++) {
                x[i] = ab[0] + ab[1] * x[i];
            }
            assertSame(BruteForceKnn.compute(x, 900, 10, 12), ExactKnn.compute(x, 900, 10, 12, Parallel.of(2)),
                    "offset " + ab[0] + " scale " + ab[1]);
        }
    }

    @Test
    void nearTiesBelowFloatResolutionAreResolvedExactly() {
        // every point at distance 1 + eps_j from point 0 with eps_j ~ 1e-12: float cannot order
        // them, so all must survive as candidates and be ordered by the exact double distances
        int n = 1200;
        int dim = 6;
        Random r = new Random(8);
        double[] x = new double[n * dim];
        for (int i = 1; i < n; i++) {
            double norm = 0;
            for (int t = 0; t < dim; t++) {
                x[i * dim + t] = r.nextGaussian();
                norm += x[i * dim + t] * x[i * dim + t];
            }
            double scale = (1 + 1e-12 * r.nextInt(1000)) / Math.sqrt(norm);
            for (int t = 0; t < dim; t++) {
                x[i * dim + t] *= scale;
            }
        }
        KnnGraph ref = BruteForceKnn.compute(x, n, dim, 50);
        assertSame(ref, ExactKnn.compute(x, n, dim, 50, Parallel.of(2)), "near ties");
        assertTrue(ref.distance(0, 49) - ref.distance(0, 0) < 1e-9, "the neighbours of point 0 are near ties");
    }

    @Test
    void allNeighboursAndBadK() {
        double[] x = gaussian(40, 4, 2);
        assertSame(BruteForceKnn.compute(x, 40, 4, 39), ExactKnn.compute(x, 40, 4, 39, Parallel.serial()), "k = n - 1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactKnn.compute(x, 40, 4, 40, Parallel.serial()));
        assertTrue(e.getMessage().contains("k=40") && e.getMessage().contains("the data has 40"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExactKnn.compute(x, 40, 4, new int[] {40}, 3, Parallel.serial()));
    }

    @Test
    void prefixIsTheSmallerGraph() {
        double[] x = gaussian(300, 6, 4);
        KnnGraph big = BruteForceKnn.compute(x, 300, 6, 30);
        assertSame(BruteForceKnn.compute(x, 300, 6, 7), big.prefix(7), "prefix");
    }
}
