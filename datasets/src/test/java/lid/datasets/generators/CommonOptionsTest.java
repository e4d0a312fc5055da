package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.datasets.Checks;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import org.junit.jupiter.api.Test;

/** Embedding, noise, standardisation, normalisation and unions, for every generator alike. */
class CommonOptionsTest {
    @Test
    void padAppendsZeros() {
        Dataset raw = Datasets.generate("sphere:d=2", 100, 1);
        Dataset pad = Datasets.generate("sphere:d=2,D=7", 100, 1);
        assertEquals(7, pad.dim());
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(raw.get(i, j), pad.get(i, j));
            }
            assertEquals(0, Checks.norm(pad, i, 3, 7));
        }
    }

    @Test
    void rotateIsAnIsometryIntoGeneralPosition() {
        Dataset pad = Datasets.generate("sphere:d=16,D=64", 200, 2);
        Dataset rot = Datasets.generate("sphere:d=16,D=64,embed=rotate", 200, 2);
        for (int i = 0; i < 200; i += 7) {
            assertEquals(1, Checks.norm(rot, i, 0, 64), 1e-5);
            for (int k = i + 1; k < 200; k += 13) {
                assertEquals(distance(pad, i, k), distance(rot, i, k), 1e-5);
            }
        }
        int zeroColumns = 0;
        for (int j = 0; j < 64; j++) {
            boolean zero = true;
            for (int i = 0; i < 200; i++) {
                zero &= rot.get(i, j) == 0f;
            }
            zeroColumns += zero ? 1 : 0;
        }
        assertEquals(0, zeroColumns, "no axis-aligned padding left");
        int[] m = new int[1];
        assertEquals(17, Checks.rank(Checks.centredRows(rot, 0, m), 200, 64, 1e-4));
    }

    @Test
    void gaussianNoiseHasTheRequestedStd() {
        Dataset clean = Datasets.generate("swiss_roll", 4000, 3);
        Dataset noisy = Datasets.generate("swiss_roll:noise=0.1", 4000, 3);
        double sq = 0;
        for (int i = 0; i < clean.x().length; i++) {
            double e = noisy.x()[i] - clean.x()[i];
            sq += e * e;
        }
        assertEquals(0.1, Math.sqrt(sq / clean.x().length), 0.003);
    }

    /**
     * standardize = z-scoring with the manifold's moments (a fixed reference sample): a large sample
     * comes out with mean ~0 and std ~1 (sampling error only), and the map is the same for every
     * seed and every n.
     */
    @Test
    void standardizeGivesZeroMeanUnitStdWithTheManifoldsConstants() {
        Dataset ds = Datasets.generate("swiss_roll:standardize=true", 20_000, 4);
        double[] mean = Checks.columnMeans(ds);
        double[] std = Checks.columnStds(ds);
        for (int j = 0; j < 3; j++) {
            assertEquals(0, mean[j], 0.03, "mean of column " + j);
            assertEquals(1, std[j], 0.03, "std of column " + j);
        }
        double[][] map1 = Checks.columnMap(Datasets.generate("swiss_roll", 500, 1), Datasets.generate("swiss_roll:standardize=true", 500, 1));
        double[][] map2 = Checks.columnMap(Datasets.generate("swiss_roll", 50, 2), Datasets.generate("swiss_roll:standardize=true", 50, 2));
        for (int j = 0; j < 3; j++) {
            assertEquals(map1[0][j], map2[0][j], 1e-4 * Math.abs(map1[1][j]), "shift of column " + j + " is the same for seeds 1 and 2");
            assertEquals(map1[1][j], map2[1][j], 1e-4 * Math.abs(map1[1][j]), "divisor of column " + j);
        }
        Dataset padded = Datasets.generate("swiss_roll:D=5,standardize=true", 300, 4);
        assertEquals(0, Checks.columnStds(padded)[4], "a constant column is only centred");
        assertEquals(0, padded.get(0, 4), "a constant zero column stays zero");
    }

    @Test
    void theMixtureFollowsRotationNoiseAndStandardisation() {
        Dataset ds = Datasets.generate("gaussian:D=6,d=2,embed=rotate,standardize=true", 4000, 5);
        assertNotNull(ds.mixture());
        LowRankGaussiansTest.assertInSubspace(ds, ds.mixture(), 1e-4);
        // the model's covariance matches the data's
        var c = ds.mixture().components().get(0);
        double[] std = Checks.columnStds(ds);
        for (int j = 0; j < 6; j++) {
            double var = 0;
            for (int b = 0; b < 2; b++) {
                var += c.basis(j, b) * c.basis(j, b) * c.scales()[b] * c.scales()[b];
            }
            assertEquals(std[j] * std[j], var, 0.1);
        }
        Dataset noisy = Datasets.generate("molrg:D=12,dims=2-3,noise=0.3", 10, 5);
        for (var comp : noisy.mixture().components()) {
            for (double s : comp.noiseStd()) {
                assertEquals(0.3, s, 1e-12);
            }
        }
        assertNull(Datasets.generate("molrg:D=12,dims=2-3,noise=0.3,noise_type=uniform", 10, 5).mixture(),
                "uniform noise: no longer a Gaussian mixture");
    }

    @Test
    void unionSplitsByWeightAndOffsetsComponents() {
        Dataset ds = Datasets.generate("lollipop:weight=3+sphere:d=4+torus_circle", 1000, 6);
        assertEquals(5, ds.dim(), "padded to the largest part");
        int[] lidOf = {0, 1, 2, 4, 1, 2}; // lollipop 0/1/2, sphere 4, circle 1, torus 2
        int[] count = new int[6];
        for (int i = 0; i < ds.n(); i++) {
            int c = ds.component()[i];
            count[c]++;
            assertEquals(lidOf[c], ds.lid()[i], "row " + i);
            if (c <= 2) {
                assertTrue(i < 600, "the lollipop part comes first");
                assertEquals(0, Checks.norm(ds, i, 2, 5), "lollipop rows padded with zeros");
            }
            if (c == 3) {
                assertEquals(1, Checks.norm(ds, i, 0, 5), 1e-5);
            }
        }
        assertEquals(600, count[0] + count[1] + count[2]);
        assertEquals(200, count[3]);
        assertEquals(200, count[4] + count[5]);
    }

    @Test
    void unionOfGaussiansKeepsAWeightedMixture() {
        Dataset ds = Datasets.generate("gaussian:D=8,d=2+molrg:D=8,dims=1-3", 400, 7);
        assertEquals(3, ds.mixture().components().size());
        assertEquals(0.5, ds.mixture().components().get(0).weight(), 1e-12);
        assertEquals(0.25, ds.mixture().components().get(1).weight(), 1e-12);
        LowRankGaussiansTest.assertInSubspace(ds, ds.mixture(), 1e-4);
    }

    @Test
    void badCommonOptions() {
        assertTrue(error("sphere:d=16,D=10").contains("D=10 is smaller than the dimension of its points (17)"));
        assertTrue(error("sphere:embed=twist").contains("embed=twist: must be one of pad, rotate"));
        assertTrue(error("sphere:standardize=true,normalize=true").contains("choose one"));
        assertTrue(error("sphere:noise=-1").contains("noise=-1: must be a number >= 0"));
        assertTrue(error("sphere+ball:weight=0,d=2+sphere:weight=0").contains("gets no points"));
    }

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Datasets.generate(spec, 5, 0)).getMessage();
    }

    private static double distance(Dataset ds, int a, int b) {
        double s = 0;
        for (int j = 0; j < ds.dim(); j++) {
            double d = ds.get(a, j) - ds.get(b, j);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
