package lid.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lid.models.noise.NoiseProcess;
import lid.models.noise.RectifiedFlow;
import lid.models.noise.VpSde;
import lid.models.oracles.GaussianMixtureOracle;
import lid.models.sample.Sampler;
import org.junit.jupiter.api.Test;

/** Samplers driven by an exact score reproduce the Gaussian's mean and covariance. */
class SamplerTest {
    private static final double[] MEAN = {1, -0.5};
    private static final double[][] COV = {{1.5, 0.6}, {0.6, 0.5}};

    private static void check(NoiseProcess p, Sampler.Method m, int steps) {
        GaussianMixtureOracle oracle = GaussianMixtureOracle.gaussian(p, MEAN, COV);
        int n = 4000;
        float[] x = Sampler.sample(oracle, n, Sampler.Options.defaults(p, m, steps, 3));
        double[] mu = new double[2];
        double[][] c = new double[2][2];
        for (int i = 0; i < n; i++) {
            mu[0] += x[2 * i] / (double) n;
            mu[1] += x[2 * i + 1] / (double) n;
        }
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    c[a][b] += (x[2 * i + a] - mu[a]) * (x[2 * i + b] - mu[b]) / (n - 1.0);
                }
            }
        }
        String what = p.name() + " " + m.id();
        // sampling error of 4000 points: ~0.02 on the mean, ~0.03-0.05 on the covariance
        assertEquals(MEAN[0], mu[0], 0.07, what + " mean");
        assertEquals(MEAN[1], mu[1], 0.05, what + " mean");
        assertEquals(COV[0][0], c[0][0], 0.12, what + " cov");
        assertEquals(COV[0][1], c[0][1], 0.06, what + " cov");
        assertEquals(COV[1][1], c[1][1], 0.05, what + " cov");
    }

    @Test
    void eulerMaruyamaReverseSde() {
        check(VpSde.standard(), Sampler.Method.EM, 400);
    }

    @Test
    void probabilityFlowEulerAndHeun() {
        check(VpSde.standard(), Sampler.Method.EULER, 300);
        check(VpSde.standard(), Sampler.Method.HEUN, 60);
        check(new RectifiedFlow(), Sampler.Method.HEUN, 40);
    }
}
