package lid.estimators.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import lid.estimators.EstimationInput;
import lid.estimators.Fixtures;
import lid.estimators.knn.BruteForceKnn;
import lid.estimators.knn.KnnGraph;
import org.junit.jupiter.api.Test;

/**
 * Pointwise estimates of the global estimators are the estimator run on each query's
 * neighbourhood: the point and its nbhd neighbours, or only the neighbours with skdim=true
 * (skdim's fit_pw).
 */
class PointwiseTest {

    private static double[] data(int n, int dim) {
        Random r = new Random(21);
        double[] x = new double[n * dim];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble() * 6;
            double v = r.nextDouble() * 2;
            double w = r.nextDouble();
            x[i * dim] = Math.cos(u) * (2 + v);
            x[i * dim + 1] = Math.sin(u) * (2 + v);
            x[i * dim + 2] = w;
            for (int t = 3; t < dim; t++) {
                x[i * dim + t] = 0.01 * r.nextGaussian();
            }
        }
        return x;
    }

    private static double[] rows(double[] x, int dim, int self, int[] nb, boolean withSelf) {
        int m = nb.length + (withSelf ? 1 : 0);
        double[] p = new double[m * dim];
        int o = 0;
        if (withSelf) {
            System.arraycopy(x, self * dim, p, 0, dim);
            o = 1;
        }
        for (int j = 0; j < nb.length; j++) {
            System.arraycopy(x, nb[j] * dim, p, (o + j) * dim, dim);
        }
        return p;
    }

    @Test
    void pointwiseIsTheGlobalEstimatorOnTheNeighbourhood() {
        int n = 400;
        int dim = 5;
        int nb = 40;
        double[] x = data(n, dim);
        int[] queries = {0, 17, 399};
        EstimationInput in = EstimationInput.builder(x, n, dim).queries(queries).threads(2).build();
        KnnGraph g = BruteForceKnn.compute(x, n, dim, queries, nb);
        for (String est : new String[] {"twonn", "lpca", "lpca:ver=participation_ratio", "fishers", "corrint", "mind",
            "danco:k=5"}) {
            for (boolean skdim : new boolean[] {false, true}) {
                String suffix = ":nbhd=" + nb + (skdim ? ":skdim=true" : "") + (est.startsWith("danco") ? ":pw=true" : "");
                double[] pw = Fixtures.run(in, est + suffix).pointwise();
                for (int q = 0; q < queries.length; q++) {
                    double[] p = rows(x, dim, queries[q], g.neighbours(q), !skdim);
                    int m = nb + (skdim ? 0 : 1);
                    EstimationInput patch = EstimationInput.builder(p, m, dim).threads(1).build();
                    String spec = est + (est.startsWith("danco") ? "" : ":pw=false") + (skdim ? ":skdim=true" : "");
                    double expected = Fixtures.global(patch, spec);
                    assertEquals(expected, pw[q], 1e-12 * Math.max(1, Math.abs(expected)), est + suffix + " at query " + q);
                }
            }
        }
    }

    @Test
    void includingTheCentreChangesTheNeighbourhood() {
        double[] x = data(300, 4);
        EstimationInput in = Fixtures.input(x, 300, 4);
        double[] a = Fixtures.run(in, "lpca:nbhd=10:ver=participation_ratio").pointwise();
        double[] b = Fixtures.run(in, "lpca:nbhd=10:ver=participation_ratio:skdim=true").pointwise();
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            differ += a[i] != b[i] ? 1 : 0;
        }
        assertTrue(differ > 250, "the centre point matters in most neighbourhoods: " + differ);
    }
}
