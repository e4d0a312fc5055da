package lid.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lid.datasets.generators.Spheres;
import org.junit.jupiter.api.Test;

/**
 * The skdim golden fixture (fixtures.md 1: hyperBall(n=30, d=5, random_state=0) zero-padded to
 * R^10): our CSV reader, our hyperBall map applied to the same NumPy normals, and its PCA
 * statistics.
 */
class SkdimBallFixtureTest {
    @Test
    void fixtureLoadsAsA5BallInR10() throws Exception {
        Dataset ds = Datasets.load(resource("skdim_ball30.csv").toString(), 0, 0);
        assertEquals(30, ds.n());
        assertEquals(10, ds.dim());
        for (int i = 0; i < 30; i++) {
            assertTrue(Checks.norm(ds, i, 0, 5) < 1);
            assertEquals(0, Checks.norm(ds, i, 5, 10));
            assertEquals(-1, ds.lid()[i], "a file without labels has unknown LID");
        }
        assertEquals(0.49164874872630254f, ds.get(0, 0));
    }

    @Test
    void ourHyperBallMapReproducesTheFixtureFromItsNormals() throws Exception {
        List<String> z = Files.readAllLines(resource("ball30_normals.csv"));
        List<String> ref = Files.readAllLines(resource("skdim_ball30.csv"));
        double[] x = new double[5];
        for (int i = 0; i < 30; i++) {
            double[] zi = parse(z.get(i));
            Spheres.ballTransform(zi, 1, x);
            double[] expected = parse(ref.get(i));
            for (int j = 0; j < 5; j++) {
                assertEquals(expected[j], x[j], 1e-14, "row " + i);
            }
        }
    }

    @Test
    void explainedVariancesMatchFixturesMd() throws Exception {
        double[] rows = new double[30 * 10];
        List<String> ref = Files.readAllLines(resource("skdim_ball30.csv"));
        double[] mean = new double[10];
        for (int i = 0; i < 30; i++) {
            double[] r = parse(ref.get(i));
            for (int j = 0; j < 10; j++) {
                rows[i * 10 + j] = r[j];
                mean[j] += r[j] / 30;
            }
        }
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 10; j++) {
                rows[i * 10 + j] -= mean[j];
            }
        }
        double[] s = Checks.singularValues(rows, 30, 10);
        double[] expected = {0.2306072, 0.17343578, 0.14978778, 0.12185125, 0.06375436, 0, 0, 0, 0, 0};
        for (int k = 0; k < 10; k++) {
            assertEquals(expected[k], s[k] * s[k] / 29, 1e-7, "explained variance " + k);
        }
    }

    @Test
    void ourBallHasTheUniformBallVariance() {
        // per-coordinate variance of the uniform unit d-ball is 1/(d+2); padded columns are 0
        Dataset ds = Datasets.generate("ball:d=5,D=10", 20_000, 1);
        double[] std = Checks.columnStds(ds);
        for (int j = 0; j < 5; j++) {
            assertEquals(1 / 7.0, std[j] * std[j], 0.004);
        }
        for (int j = 5; j < 10; j++) {
            assertEquals(0, std[j]);
        }
    }

    private static double[] parse(String line) {
        String[] p = line.split(",");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Double.parseDouble(p[i]);
        }
        return v;
    }

    static Path resource(String name) throws URISyntaxException, IOException {
        var url = SkdimBallFixtureTest.class.getResource("/lid/datasets/" + name);
        if (url == null) {
            throw new IOException("missing test resource " + name);
        }
        return Path.of(url.toURI());
    }
}
