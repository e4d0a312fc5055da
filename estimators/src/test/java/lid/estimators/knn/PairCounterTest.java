package lid.estimators.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import lid.kernels.Parallel;
import org.junit.jupiter.api.Test;

class PairCounterTest {

    @Test
    void tiledCountsEqualTheDoubleBruteForceAtRadiiOnActualDistances() {
        int n = 1500;
        int dim = 5;
        Random r = new Random(11);
        double[] x = new double[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + r.nextGaussian();
        }
        // radii exactly equal to pair distances: strict "<" must exclude them
        double r1 = Math.sqrt(ExactDistance.squared(x, dim, 3, 17));
        double r2 = Math.sqrt(ExactDistance.squared(x, dim, 100, 1200));
        double[] radii = {r1, r2, 0.5, 2.0};
        long[] ref = PairCounter.bruteForce(x, n, dim, radii);
        assertArrayEquals(ref, PairCounter.countBelow(x, n, dim, radii, Parallel.of(2)));
        assertArrayEquals(ref, PairCounter.countBelow(x, n, dim, radii, Parallel.serial()));
    }

    @Test
    void smallCountsByHand() {
        // points 0, 1, 3 on a line: distances 1, 3, 2
        double[] x = {0, 1, 3};
        assertArrayEquals(new long[] {0, 2, 4, 6}, PairCounter.countBelow(x, 3, 1, new double[] {1, 1.5, 2.5, 3.5},
                Parallel.serial()));
        assertEquals(0, PairCounter.countBelow(x, 3, 1, new double[] {0}, Parallel.serial())[0]);
    }
}
