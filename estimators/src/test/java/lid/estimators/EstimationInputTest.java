package lid.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.estimators.classical.Lpca;
import lid.estimators.knn.BruteForceKnn;
import lid.estimators.knn.KnnGraph;
import org.junit.jupiter.api.Test;

class EstimationInputTest {

    @Test
    void badDataIsRejectedWithItsPosition() {
        float[] x = {0, 1, 2, Float.NaN, 4, 5};
        String msg = assertThrows(IllegalArgumentException.class, () -> EstimationInput.builder(x, 3, 2).build()).getMessage();
        assertTrue(msg.contains("NaN at row 2, column 2"), msg);
        assertThrows(IllegalArgumentException.class, () -> EstimationInput.builder(new double[] {1, Double.POSITIVE_INFINITY}, 1, 2));
        String shape = assertThrows(IllegalArgumentException.class, () -> EstimationInput.builder(new double[5], 2, 3)).getMessage();
        assertTrue(shape.contains("expected n*dim = 2*3 = 6"), shape);
        assertThrows(IllegalArgumentException.class, () -> EstimationInput.builder(new double[0], 0, 3));
        String q = assertThrows(IllegalArgumentException.class,
                () -> EstimationInput.builder(new double[6], 3, 2).queries(new int[] {3}).build()).getMessage();
        assertTrue(q.contains("query point 4 is outside the data (rows 1..3)"), q);
        EstimatorModel model = new EstimatorModel() {
            public int dim() {
                return 5;
            }

            public String describe() {
                return "test";
            }
        };
        String md = assertThrows(IllegalArgumentException.class,
                () -> EstimationInput.builder(new double[6], 3, 2).model(model).build()).getMessage();
        assertTrue(md.contains("dimension 5") && md.contains("has 2"), md);
    }

    @Test
    void knnGraphsAreCachedAndSmallerKAreItsPrefix() {
        double[] x = Fixtures.ball30();
        EstimationInput in = Fixtures.input(x, 30, 10);
        KnnGraph big = in.knnAll(20);
        KnnGraph small = in.knnAll(5);
        assertArrayEquals(BruteForceKnn.compute(x, 30, 10, 5).indices(), small.indices());
        assertSame(big, in.knnAll(20), "cached");
        assertEquals(1, in.cache().size(), "one graph serves both k");
        EstimationInput sub = EstimationInput.builder(x, 30, 10).queries(new int[] {7, 2}).threads(1).build();
        assertArrayEquals(big.neighbours(7), sub.knn(20).neighbours(0));
        assertEquals(2, sub.queryCount());
        assertEquals(2, Fixtures.run(sub, "mle").pointwise().length, "pointwise values for the queries only");
    }

    @Test
    void stagedEstimatorsShareTheirArtifactAcrossCheapOptions() {
        EstimationInput in = Fixtures.input(Fixtures.ball30(), 30, 10);
        Lpca lpca = new Lpca();
        Lpca.Artifact a = lpca.artifact(in, lpca.parse("lpca:nbhd=20"));
        assertSame(a, lpca.artifact(in, lpca.parse("lpca:nbhd=20:ver=Kaiser:alphaFO=0.3")), "rule options reuse the spectra");
        assertNotSame(a, lpca.artifact(in, lpca.parse("lpca:nbhd=15")), "the neighbourhood size does not");
        double fo = Fixtures.run(in, "lpca:nbhd=20").global();
        double kaiser = Fixtures.run(in, "lpca:nbhd=20:ver=Kaiser").global();
        assertEquals(5, fo);
        assertEquals(4, kaiser);
    }
}
