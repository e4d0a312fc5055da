package lid.estimators.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.Fixtures;
import org.junit.jupiter.api.Test;

/** Results are bit-identical for every thread count and run to run (DESIGN.md principle 4). */
class DeterminismTest {

    @Test
    void everyEstimatorGivesTheSameBitsOnOneAndTwoThreads() {
        int n = 400;
        int dim = 6;
        Random r = new Random(17);
        double[] x = new double[n * dim];
        for (int i = 0; i < n; i++) {
            double a = r.nextDouble() * 4;
            double b = r.nextDouble();
            x[i * dim] = Math.cos(a);
            x[i * dim + 1] = Math.sin(a);
            x[i * dim + 2] = b;
            x[i * dim + 3] = a * b;
            x[i * dim + 4] = 0.05 * r.nextGaussian();
            x[i * dim + 5] = 0.05 * r.nextGaussian();
        }
        String[] specs = {"mle", "mle:sigma=0.01", "twonn:nbhd=50", "lpca:nbhd=50", "ess:k=40:d=2", "mada", "tle", "mom:k=50",
            "corrint:nbhd=50", "mind:nbhd=50", "fishers:nbhd=50", "danco:pw=true:nbhd=30"};
        EstimationInput one = EstimationInput.builder(x, n, dim).threads(1).seed(3).build();
        EstimationInput two = EstimationInput.builder(x, n, dim).threads(2).seed(3).build();
        EstimationInput again = EstimationInput.builder(x, n, dim).threads(2).seed(3).build();
        for (String spec : specs) {
            EstimatorResult a = Fixtures.run(one, spec);
            EstimatorResult b = Fixtures.run(two, spec);
            EstimatorResult c = Fixtures.run(again, spec);
            assertEquals(Double.doubleToLongBits(a.global()), Double.doubleToLongBits(b.global()), spec + " global");
            assertEquals(Double.doubleToLongBits(b.global()), Double.doubleToLongBits(c.global()), spec + " rerun");
            assertArrayEquals(a.pointwise(), b.pointwise(), 0.0, spec + " pointwise");
            assertArrayEquals(b.pointwise(), c.pointwise(), 0.0, spec + " rerun");
        }
    }
}
