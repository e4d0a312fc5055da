package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.datasets.Checks;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.LowRankMixture;
import org.junit.jupiter.api.Test;

class LowRankGaussiansTest {
    @Test
    void gaussianHasRankDAndLiesInItsBasis() {
        Dataset ds = Datasets.generate("gaussian:D=20,d=5", 500, 1);
        assertEquals(20, ds.dim());
        assertEquals(5, Checks.rank(toDouble(ds.x()), 500, 20, 1e-4));
        LowRankMixture m = ds.mixture();
        assertNotNull(m);
        assertEquals(1, m.components().size());
        assertOrthonormal(m.components().get(0));
        assertInSubspace(ds, m, 1e-4);
    }

    @Test
    void molrgComponentsHaveTheirRanksAndOrthogonalBases() {
        Dataset ds = Datasets.generate("molrg:D=48,dims=4-8", 2000, 2);
        LowRankMixture m = ds.mixture();
        assertEquals(2, m.components().size());
        for (int c = 0; c < 2; c++) {
            int[] count = new int[1];
            double[] rows = Checks.centredRows(ds, c, count);
            int expected = c == 0 ? 4 : 8;
            assertEquals(expected, Checks.rank(rows, count[0], 48, 1e-4), "component " + c);
            assertEquals(0.5, m.components().get(c).weight(), 1e-12);
            assertOrthonormal(m.components().get(c));
        }
        for (int i = 0; i < ds.n(); i++) {
            assertEquals(ds.component()[i] == 0 ? 4 : 8, ds.lid()[i]);
        }
        // orthogonal subspaces: U_0^T U_1 = 0
        var a = m.components().get(0);
        var b = m.components().get(1);
        for (int p = 0; p < 4; p++) {
            for (int q = 0; q < 8; q++) {
                double dot = 0;
                for (int i = 0; i < 48; i++) {
                    dot += a.basis(i, p) * b.basis(i, q);
                }
                assertEquals(0, dot, 1e-12);
            }
        }
        assertInSubspace(ds, m, 1e-4);
    }

    @Test
    void molrgKAndDBalancedWeightsAndMeans() {
        Dataset ds = Datasets.generate("molrg:D=48,K=2,d=7,assign=balanced,weights=1-3,mean=5", 1000, 3);
        int first = 0;
        for (int i = 0; i < ds.n(); i++) {
            first += ds.component()[i] == 0 ? 1 : 0;
            assertEquals(7, ds.lid()[i]);
        }
        assertEquals(250, first, "balanced: exactly n pi_k points");
        assertEquals(0.25, ds.mixture().components().get(0).weight(), 1e-12);
        double len = 0;
        for (double v : ds.mixture().components().get(1).mean()) {
            len += v * v;
        }
        assertEquals(5, Math.sqrt(len), 1e-9);
        assertInSubspace(ds, ds.mixture(), 1e-4);
    }

    @Test
    void molrgRejectsTooManyOrthogonalDimensions() {
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.generate("molrg:D=10,dims=6-6", 10, 0));
        assertTrue(e.getMessage().contains("subspaces=random"), e.getMessage());
        Dataset ok = Datasets.generate("molrg:D=10,dims=6-6,subspaces=random", 400, 0);
        assertInSubspace(ok, ok.mixture(), 1e-4);
    }

    @Test
    void molrgRandomAssignmentFollowsTheWeights() {
        Dataset ds = Datasets.generate("molrg:D=20,dims=2-2-2,weights=1-1-2", 8000, 4);
        int[] count = new int[3];
        for (int c : ds.component()) {
            count[c]++;
        }
        assertEquals(0.5, count[2] / 8000.0, 0.025);
        assertEquals(0.25, count[0] / 8000.0, 0.025);
    }

    /** Every point lies in mean + span(basis) of its component (noise-free data). */
    static void assertInSubspace(Dataset ds, LowRankMixture m, double tol) {
        for (int i = 0; i < ds.n(); i++) {
            var c = m.components().get(ds.component()[i]);
            double[] r = new double[ds.dim()];
            for (int j = 0; j < ds.dim(); j++) {
                r[j] = ds.get(i, j) - c.mean()[j];
            }
            double[] coef = new double[c.rank()];
            for (int b = 0; b < c.rank(); b++) {
                for (int j = 0; j < ds.dim(); j++) {
                    coef[b] += c.basis(j, b) * r[j];
                }
            }
            double res = 0;
            double size = 0;
            for (int j = 0; j < ds.dim(); j++) {
                double proj = 0;
                for (int b = 0; b < c.rank(); b++) {
                    proj += c.basis(j, b) * coef[b];
                }
                res += (r[j] - proj) * (r[j] - proj);
                size += r[j] * r[j];
            }
            assertTrue(Math.sqrt(res) <= tol * (1 + Math.sqrt(size)), "point " + i + " is off its subspace by " + Math.sqrt(res));
        }
    }

    static void assertOrthonormal(LowRankMixture.Component c) {
        int dim = c.mean().length;
        for (int a = 0; a < c.rank(); a++) {
            for (int b = 0; b < c.rank(); b++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += c.basis(i, a) * c.basis(i, b);
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-10);
            }
        }
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
