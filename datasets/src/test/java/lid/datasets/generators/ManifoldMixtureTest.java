package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import lid.datasets.Checks;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.spec.Params;
import org.junit.jupiter.api.Test;

class ManifoldMixtureTest {
    @Test
    void affineComponentsHaveRankDForEveryLatent() {
        for (String latent : List.of("uniform", "gaussian", "laplace")) {
            Dataset ds = Datasets.generate("affine:D=10,dims=2-4-8,latent=" + latent, 3000, 1);
            assertEquals(10, ds.dim());
            int[] dims = {2, 4, 8};
            for (int c = 0; c < 3; c++) {
                int[] m = new int[1];
                double[] rows = Checks.centredRows(ds, c, m);
                assertTrue(m[0] > 800, "about a third of the points each");
                assertEquals(dims[c], Checks.rank(rows, m[0], 10, 1e-4), latent + " component " + c);
            }
            for (int i = 0; i < ds.n(); i++) {
                assertEquals(dims[ds.component()[i]], ds.lid()[i]);
            }
        }
    }

    @Test
    void affineIsStandardisedByDefault() {
        // with the instance's constants (a reference sample), so a large sample is z-scored up to sampling error
        Dataset ds = Datasets.generate("affine:D=10,dims=2-4-8", 30_000, 2);
        double[] mean = Checks.columnMeans(ds);
        double[] std = Checks.columnStds(ds);
        for (int j = 0; j < 10; j++) {
            assertEquals(0, mean[j], 0.05);
            assertEquals(1, std[j], 0.05);
        }
    }

    @Test
    void componentsSitAtModesTenApart() {
        Dataset ds = Datasets.generate("affine:D=10,dims=2-4-8,standardize=false", 6000, 3);
        double[][] centre = new double[3][10];
        int[] count = new int[3];
        for (int i = 0; i < ds.n(); i++) {
            int c = ds.component()[i];
            count[c]++;
            for (int j = 0; j < 10; j++) {
                centre[c][j] += ds.get(i, j);
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int j = 0; j < 10; j++) {
                centre[a][j] /= count[a];
            }
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                double d = 0;
                for (int j = 0; j < 10; j++) {
                    d += (centre[a][j] - centre[b][j]) * (centre[a][j] - centre[b][j]);
                }
                // the calibration mean comes from 128 samples: centres are modes up to ~0.3
                assertEquals(10, Math.sqrt(d), 1.0);
            }
        }
        double[][] modes = ManifoldMixture.modes(3, 10, 10, null);
        double d01 = 0;
        for (int j = 0; j < 10; j++) {
            d01 += (modes[0][j] - modes[1][j]) * (modes[0][j] - modes[1][j]);
        }
        assertEquals(10, Math.sqrt(d01), 1e-12);
    }

    @Test
    void moreComponentsThanDimensionsPutModesOnACircle() {
        double[][] modes = ManifoldMixture.modes(5, 3, 10, null);
        double r0 = Math.hypot(modes[0][0], modes[0][1]);
        for (double[] m : modes) {
            assertEquals(r0, Math.hypot(m[0], m[1]), 1e-9);
            assertEquals(0, m[2]);
        }
        assertTrue(r0 > 5, "radius found by bisection between distance/2 and m distance");
        Dataset ds = Datasets.generate("affine:D=3,dims=1-1-1-1-1", 500, 1);
        assertEquals(5, ds.componentCount());
    }

    @Test
    void gaussianLatentExposesTheExactMixtureThroughStandardisation() {
        Dataset ds = Datasets.generate("affine:D=10,dims=2-4-8,latent=gaussian", 3000, 4);
        assertNotNull(ds.mixture());
        assertEquals(3, ds.mixture().components().size());
        LowRankGaussiansTest.assertInSubspace(ds, ds.mixture(), 1e-4);
        for (var c : ds.mixture().components()) {
            LowRankGaussiansTest.assertOrthonormal(c);
        }
        assertNull(Datasets.generate("affine:D=10,dims=2-4-8,latent=uniform", 10, 4).mixture());
    }

    @Test
    void latentDistributions() {
        Rng rng = new Rng(5);
        long s = rng.newStream();
        int n = 40_000;
        float[] buf = new float[1];
        double[] z = new double[1];
        double absU = 0;
        double maxU = 0;
        double absL = 0;
        double sqL = 0;
        for (int i = 0; i < n; i++) {
            ManifoldMixture.latent("uniform", rng, s, i, buf, 1, z);
            absU += Math.abs(z[0]);
            maxU = Math.max(maxU, Math.abs(z[0]));
            ManifoldMixture.latent("laplace", rng, s, i, buf, 1, z);
            absL += Math.abs(z[0]);
            sqL += z[0] * z[0];
        }
        assertTrue(maxU <= 1);
        assertEquals(0.5, absU / n, 0.01, "E|U[-1,1]| = 1/2");
        assertEquals(1, absL / n, 0.02, "E|Laplace(0,1)| = 1");
        assertEquals(2, sqL / n, 0.1, "Var Laplace(0,1) = 2");
    }

    @Test
    void squigglyIsCurvedAndFlatWhenKappaIsOne() {
        // kappa = 1 removes the sinusoid: only flips and rotations remain, an isometry
        Dataset flat = Datasets.generate("squiggly:D=10,dims=3,kappa=1", 1500, 6);
        int[] m = new int[1];
        assertEquals(3, Checks.rank(Checks.centredRows(flat, 0, m), m[0], 10, 1e-4));
        Dataset curved = Datasets.generate("squiggly:D=10,dims=3,freq=5", 1500, 6);
        assertTrue(Checks.rank(Checks.centredRows(curved, 0, m), m[0], 10, 1e-3) > 3, "the warp bends the plane");
        assertImmersion("squiggly", Map.of("D", "10", "dims", "2-4-8", "freq", "5"), ManifoldMixture.Kind.SQUIGGLY);
    }

    @Test
    void rqnsfIsCurvedWithRankDTangents() {
        Dataset ds = Datasets.generate("rqnsf:D=6,dims=2,blocks=2", 1500, 7);
        int[] m = new int[1];
        assertTrue(Checks.rank(Checks.centredRows(ds, 0, m), m[0], 6, 1e-3) > 2, "the flow bends the plane");
        assertImmersion("rqnsf", Map.of("D", "6", "dims", "2-3", "blocks", "2"), ManifoldMixture.Kind.RQNSF);
    }

    @Test
    void rqSplineIsMonotoneContinuousAndIdentityOutside() {
        RqSplineFlow flow = new RqSplineFlow(4, 1, 8, 1, 8, 3, new Rng(8));
        Rng r = new Rng(9);
        float[] g = r.normal(3 * 8 - 1);
        double[] p = new double[g.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 3 * g[i];
        }
        double prev = Double.NEGATIVE_INFINITY;
        for (double v = -3; v <= 3; v += 1e-3) {
            double y = flow.spline(v, p, 0, 1);
            assertTrue(y > prev, "monotone at " + v);
            prev = y;
        }
        assertEquals(-3, flow.spline(-3, p, 0, 1), 1e-12);
        assertEquals(3, flow.spline(3, p, 0, 1), 1e-12);
        assertEquals(5.5, flow.spline(5.5, p, 0, 1));
        // derivative 1 at the ends (linear tails join smoothly)
        assertEquals(1, (flow.spline(3, p, 0, 1) - flow.spline(3 - 1e-7, p, 0, 1)) / 1e-7, 1e-3);
    }

    /** The FD Jacobian of each component's map has full rank d (an immersion) at random latents. */
    private static void assertImmersion(String name, Map<String, String> given, ManifoldMixture.Kind kind) {
        GeneratorInfo info = GeneratorRegistry.standard().find(name);
        Params p = new Params(name, GeneratorRegistry.parameters(info), given);
        ManifoldMixture.Model model = ManifoldMixture.build(p, new Rng(10), kind);
        Rng r = new Rng(11);
        for (int k = 0; k < model.dims.length; k++) {
            int d = model.dims[k];
            for (int trial = 0; trial < 5; trial++) {
                float[] u = r.uniform(d);
                double[] z = new double[d];
                for (int j = 0; j < d; j++) {
                    z[j] = 2 * u[j] - 1;
                }
                int kk = k;
                double[] jac = Checks.jacobian(v -> model.map(kk, v), z, 1e-5);
                double[] s = Checks.singularValues(jac, model.dim, d);
                assertTrue(s[d - 1] > 1e-6 * s[0], name + " component " + k + ": tangent rank < " + d);
            }
        }
    }
}
