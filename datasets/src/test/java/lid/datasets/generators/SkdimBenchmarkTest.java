package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.datasets.Checks;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import org.junit.jupiter.api.Test;

/** The 24 skdim BenchmarkManifolds: table dimensions and per-manifold invariants. */
class SkdimBenchmarkTest {
    /** (d, D) of skdim's table, in its order. */
    private static final int[][] TABLE = {
        {10, 11}, {3, 5}, {4, 6}, {4, 8}, {1, 3}, {2, 3}, {6, 36}, {2, 3}, {12, 72}, {20, 20}, {10, 11}, {17, 18},
        {24, 25}, {70, 71}, {2, 3}, {20, 20}, {2, 3}, {1, 13}, {10, 40}, {18, 72}, {24, 96}, {3, 12}, {6, 21}, {9, 30}};

    @Test
    void all24HaveTheTableDimensions() {
        assertEquals(24, SkdimBenchmark.NAMES.size());
        for (int m = 0; m < 24; m++) {
            String name = SkdimBenchmark.NAMES.get(m);
            Dataset ds = Datasets.generate(name, 200, m);
            assertEquals(TABLE[m][1], ds.dim(), name + " D");
            for (int l : ds.lid()) {
                assertEquals(TABLE[m][0], l, name + " d");
            }
        }
    }

    @Test
    void namesAreCaseInsensitive() {
        assertEquals(11, Datasets.generate("m1_sphere", 10, 0).dim());
    }

    @Test
    void affine3to5IsTheAffineImageOfTheCube() {
        Dataset ds = Datasets.generate("M2_Affine_3to5", 400, 1);
        int[] m = new int[1];
        double[] c = Checks.centredRows(ds, 0, m);
        assertEquals(3, Checks.rank(c, m[0], 5, 1e-5));
        // rows 0, 1 and 4 of A have zero third column: x4 - 8 = a (x0 - 3) + b (x1 + 1) exactly
        // with (a, b) solving [1.2 0.5; -0.5 0.9]^T (a, b) = (1.1, -0.3)
        double det = 1.2 * 0.9 - (-0.5) * 0.5;
        double a = (1.1 * 0.9 - 0.5 * -0.3) / det;
        double b = (1.2 * -0.3 - (-0.5) * 1.1) / det;
        for (int i = 0; i < ds.n(); i++) {
            assertEquals(a * (ds.get(i, 0) - 3) + b * (ds.get(i, 1) + 1), ds.get(i, 4) - 8, 1e-4);
        }
    }

    @Test
    void nonlinearPairsChainRadiusToNextAngle() {
        // coords (2i, 2i+1) = p_(i+1) (cos 2 pi p_i, sin 2 pi p_i): the radius of pair i is the
        // angle of pair i+1 divided by 2 pi; the 2d block repeats D/(2d) times
        Dataset ds = Datasets.generate("M6_Nonlinear", 300, 2);
        int d = 6;
        for (int i = 0; i < ds.n(); i++) {
            for (int k = 0; k < d; k++) {
                double radius = Checks.norm(ds, i, 2 * k, 2 * k + 2);
                int next = (k + 1) % d;
                double angle = Math.atan2(ds.get(i, 2 * next + 1), ds.get(i, 2 * next));
                double p = (angle < 0 ? angle + 2 * Math.PI : angle) / (2 * Math.PI);
                if (radius > 1e-3 && Checks.norm(ds, i, 2 * next, 2 * next + 2) > 1e-3) {
                    assertEquals(p, radius, 1e-4);
                }
            }
            for (int j = 0; j < 2 * d; j++) {
                assertEquals(ds.get(i, j), ds.get(i, 2 * d + j));
                assertEquals(ds.get(i, j), ds.get(i, 4 * d + j));
            }
        }
    }

    @Test
    void curvesAndSurfacesSatisfyTheirEquations() {
        Dataset helix = Datasets.generate("M5a_Helix1d", 300, 3);
        for (int i = 0; i < helix.n(); i++) {
            double r = Checks.norm(helix, i, 0, 2);
            assertEquals(1, (r - 2) * (r - 2) + helix.get(i, 2) * helix.get(i, 2), 1e-5);
        }
        Dataset helix2 = Datasets.generate("M5b_Helix2d", 300, 3);
        for (int i = 0; i < helix2.n(); i++) {
            double p = 2 * helix2.get(i, 2);
            double r = Checks.norm(helix2, i, 0, 2);
            assertTrue(p >= 0 && p < 10 * Math.PI + 1e-4 && r < 10 * Math.PI + 1e-4);
            assertEquals(r * Math.cos(p), helix2.get(i, 0), 1e-3);
            assertEquals(r * Math.sin(p), helix2.get(i, 1), 1e-3);
        }
        Dataset roll = Datasets.generate("M7_Roll", 300, 3);
        for (int i = 0; i < roll.n(); i++) {
            double t = Math.hypot(roll.get(i, 0), roll.get(i, 2));
            assertTrue(t >= 1.5 * Math.PI - 1e-4 && t <= 4.5 * Math.PI + 1e-4);
            assertEquals(t * Math.cos(t), roll.get(i, 0), 1e-3);
            assertTrue(roll.get(i, 1) >= 0 && roll.get(i, 1) < 21);
        }
        Dataset moebius = Datasets.generate("M11_Moebius", 300, 3);
        for (int i = 0; i < moebius.n(); i++) {
            double phi = Math.atan2(moebius.get(i, 1), moebius.get(i, 0));
            double w = Checks.norm(moebius, i, 0, 2);
            double half = (w - 1) / Math.cos(5 * phi); // s/2 from the radius
            if (Math.abs(Math.cos(5 * phi)) > 0.1) {
                assertTrue(Math.abs(half) <= 0.5 + 1e-4);
                assertEquals(half * Math.sin(5 * phi), moebius.get(i, 2), 1e-4);
            }
        }
        Dataset scurve = Datasets.generate("M13a_Scurve", 300, 3);
        for (int i = 0; i < scurve.n(); i++) {
            double c = 1 - Math.abs(scurve.get(i, 2));
            assertEquals(1, scurve.get(i, 0) * scurve.get(i, 0) + c * c, 1e-5);
        }
        Dataset spiral = Datasets.generate("M13b_Spiral", 300, 3);
        for (int i = 0; i < spiral.n(); i++) {
            assertEquals(100, Checks.norm(spiral, i, 0, 2), 1e-3);
            assertEquals(0, Checks.norm(spiral, i, 3, 13));
        }
    }

    @Test
    void cubicPointsLieOnFacesInFaceOrder() {
        int d = 3;
        int n = 100;
        Dataset ds = Datasets.generate("M10a_Cubic:d=3", n, 4);
        int perFace = n / (2 * (d + 1)) + 1; // 13
        for (int i = 0; i < n; i++) {
            int face = i / perFace;
            assertEquals(face % 2, ds.get(i, face / 2), 0, "row " + i);
            for (int j = 0; j <= d; j++) {
                assertTrue(ds.get(i, j) >= 0 && ds.get(i, j) <= 1);
            }
        }
    }

    @Test
    void affineCubeAndNormHaveTheirMoments() {
        Dataset cube = Datasets.generate("M9_Affine:d=5,D=8", 4000, 5);
        double[] s = Checks.columnStds(cube);
        for (int j = 0; j < 5; j++) {
            assertEquals(5 / Math.sqrt(12), s[j], 0.05);
        }
        for (int j = 5; j < 8; j++) {
            assertEquals(0, s[j]);
        }
        Dataset norm = Datasets.generate("M12_Norm:d=4", 4000, 5);
        for (double v : Checks.columnStds(norm)) {
            assertEquals(1, v, 0.05);
        }
    }

    @Test
    void skdimNoiseIsUniformByDefault() {
        Dataset clean = Datasets.generate("M7_Roll", 2000, 6);
        Dataset noisy = Datasets.generate("M7_Roll:noise=0.2", 2000, 6);
        double max = 0;
        double sq = 0;
        for (int i = 0; i < clean.x().length; i++) {
            double e = noisy.x()[i] - clean.x()[i];
            max = Math.max(max, Math.abs(e));
            sq += e * e;
        }
        assertTrue(max <= 0.1 + 1e-5, "(U - 0.5) * 0.2 stays within 0.1");
        assertEquals(0.2 * 0.2 / 12, sq / clean.x().length, 0.0005);
    }
}
