package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.datasets.Checks;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import org.junit.jupiter.api.Test;

class ToyDistributionsTest {
    @Test
    void lollipopPartsLieOnCandyStickAndDot() {
        int n = 14_000;
        Dataset ds = Datasets.generate("lollipop", n, 1);
        double end = 3 - 1 / Math.sqrt(2); // where the stick meets the candy
        int[] count = new int[3];
        for (int i = 0; i < n; i++) {
            float x = ds.get(i, 0);
            float y = ds.get(i, 1);
            int lid = ds.lid()[i];
            assertEquals(lid, ds.component()[i], "component = LID as in dgm_geometry");
            count[lid]++;
            switch (lid) {
                case 2 -> assertTrue(Math.hypot(x - 3, y - 3) <= 1 + 1e-6);
                case 1 -> {
                    assertEquals(x, y, 1e-6, "the stick is on the diagonal");
                    assertTrue(x >= 1.5 - 1e-6 && x <= end + 1e-6);
                }
                default -> {
                    assertEquals(0f, x);
                    assertEquals(0f, y);
                }
            }
        }
        // masses 4:2:1
        double se = Math.sqrt(0.25 / n);
        assertEquals(4 / 7.0, count[2] / (double) n, 4 * se);
        assertEquals(2 / 7.0, count[1] / (double) n, 4 * se);
        assertEquals(1 / 7.0, count[0] / (double) n, 4 * se);
    }

    @Test
    void lollipopCandyIsUniformInTheDisc() {
        Dataset ds = Datasets.generate("lollipop:stick=0,dot=0", 10_000, 2);
        int inner = 0;
        for (int i = 0; i < ds.n(); i++) {
            inner += Math.hypot(ds.get(i, 0) - 3, ds.get(i, 1) - 3) <= Math.sqrt(0.5) ? 1 : 0;
        }
        assertEquals(0.5, inner / 10_000.0, 0.02, "half the area lies within radius 1/sqrt 2");
    }

    @Test
    void lidlLollipopHasItsDiscAndStick() {
        Dataset ds = Datasets.generate("lidl_lollipop", 4000, 3);
        int stick = 0;
        for (int i = 0; i < ds.n(); i++) {
            if (ds.lid()[i] == 1) {
                stick++;
                assertEquals(1, ds.component()[i]);
                assertEquals(ds.get(i, 0), ds.get(i, 1), 1e-6);
                assertTrue(ds.get(i, 0) >= 0 && ds.get(i, 0) <= 2 - 1 / Math.sqrt(2) + 1e-6);
            } else {
                assertTrue(Math.hypot(ds.get(i, 0) - 2, ds.get(i, 1) - 2) <= 1 + 1e-6);
            }
        }
        assertEquals(0.05, stick / 4000.0, 0.015);
    }

    @Test
    void swissRollFollowsSklearn() {
        Dataset ds = Datasets.generate("swiss_roll", 1000, 4);
        for (int i = 0; i < ds.n(); i++) {
            double t = Math.hypot(ds.get(i, 0), ds.get(i, 2));
            assertTrue(t >= 1.5 * Math.PI - 1e-4 && t <= 4.5 * Math.PI + 1e-4);
            assertEquals(t * Math.cos(t), ds.get(i, 0), 1e-3);
            assertEquals(t * Math.sin(t), ds.get(i, 2), 1e-3);
            assertTrue(ds.get(i, 1) >= 0 && ds.get(i, 1) < 21);
            assertEquals(2, ds.lid()[i]);
        }
    }

    @Test
    void torusCircleSeparatesStringAndDoughnut() {
        Dataset ds = Datasets.generate("torus_circle", 4000, 5);
        int circle = 0;
        for (int i = 0; i < ds.n(); i++) {
            double rho = Math.hypot(ds.get(i, 0), ds.get(i, 1));
            if (ds.component()[i] == 0) {
                circle++;
                assertEquals(1, ds.lid()[i]);
                assertEquals(10, rho, 1e-5);
                assertEquals(0f, ds.get(i, 2));
            } else {
                assertEquals(2, ds.lid()[i]);
                assertEquals(1, (rho - 10) * (rho - 10) + ds.get(i, 2) * ds.get(i, 2), 1e-4);
            }
        }
        assertEquals(0.5, circle / 4000.0, 0.04);
    }

    @Test
    void multiscaleGaussianCountsLargeEigenvalues() {
        int n = 20_000;
        Dataset ds = Datasets.generate("multiscale_gaussian:eigenvalues=4-1-1e-5", n, 6);
        assertEquals(3, ds.dim());
        assertEquals(2, ds.lid()[0]);
        int[] m = new int[1];
        double[] c = Checks.centredRows(ds, 0, m);
        double[] s = Checks.singularValues(c, n, 3);
        assertEquals(4, s[0] * s[0] / (n - 1), 0.2);
        assertEquals(1, s[1] * s[1] / (n - 1), 0.05);
        assertEquals(1e-5, s[2] * s[2] / (n - 1), 2e-6);
        assertTrue(Math.abs(Checks.columnMeans(ds)[0]) > 0.05, "the mean is D randn(D), not 0");
    }
}
