package lid.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import lid.engine.Tensor;
import lid.models.likelihood.PfOdeLikelihood;
import lid.models.noise.NoiseProcess;
import lid.models.noise.VpSde;
import lid.models.oracles.GaussianMixtureOracle;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

/** PF-ODE log-likelihood of a Gaussian against the closed form log N(x; a mu, a^2 Sigma + b^2 I) at tMin. */
class LikelihoodTest {
    private static final NoiseProcess VP = VpSde.standard();

    private static double closedForm(double[] mean, double[][] cov, float[] x, int row, double t) {
        int d = mean.length;
        double a = VP.a(t), b = VP.b(t);
        SimpleMatrix s = new SimpleMatrix(cov).scale(a * a).plus(SimpleMatrix.identity(d).scale(b * b));
        SimpleMatrix v = new SimpleMatrix(d, 1);
        for (int j = 0; j < d; j++) {
            v.set(j, 0, x[row * d + j] - a * mean[j]);
        }
        double quad = v.transpose().mult(s.solve(v)).get(0, 0);
        return -0.5 * (d * Math.log(2 * Math.PI) + Math.log(s.determinant()) + quad);
    }

    private static double[][] randomCovariance(int d, long seed) {
        float[] g = Tensor.randn(seed, 0, d, d).toArray();
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    c[i][j] += g[i * d + k] * g[j * d + k] / d;
                }
            }
            c[i][i] += 0.05;
        }
        return c;
    }

    @Test
    void exactDivergenceMatchesTheClosedForm() {
        int d = 3, n = 16;
        double[] mean = {0.5, -1, 0.2};
        double[][] cov = randomCovariance(d, 5);
        GaussianMixtureOracle oracle = GaussianMixtureOracle.gaussian(VP, mean, cov);
        float[] x = Tensor.randn(6, 0, n, d).toArray();
        PfOdeLikelihood.Options o = new PfOdeLikelihood.Options(200, 1e-3, 1, 64, 1, 0, 64, mean);
        double[] ll = PfOdeLikelihood.logLikelihood(oracle, x.clone(), n, o);
        double[] noMean = PfOdeLikelihood.logLikelihood(oracle, x.clone(), n, o.withDataMean(null));
        double worst = 0, worstNoMean = 0;
        for (int i = 0; i < n; i++) {
            double want = closedForm(mean, cov, x, i, 1e-3);
            worst = Math.max(worst, Math.abs(ll[i] - want));
            worstNoMean = Math.max(worstNoMean, Math.abs(noMean[i] - want));
        }
        System.out.printf(Locale.ROOT, "[acceptance] PF-ODE log-likelihood, Gaussian D=3, exact divergence, 200 Heun steps: "
                + "max |error| = %.2e nats (%.2e with the prior's mean left at 0)%n", worst, worstNoMean);
        assertTrue(worst < 5e-3, "max error " + worst);
        assertTrue(worstNoMean < 0.1, "max error without the data mean " + worstNoMean);
    }

    @Test
    void hutchinsonIsUnbiasedEnough() {
        int d = 12, n = 32;
        double[] mean = new double[d];
        double[][] cov = randomCovariance(d, 9);
        GaussianMixtureOracle oracle = GaussianMixtureOracle.gaussian(VP, mean, cov);
        float[] x = Tensor.randn(7, 0, n, d).toArray();
        PfOdeLikelihood.Options o = new PfOdeLikelihood.Options(100, 1e-3, 1, 4, 32, 3, 64, null);
        double[] ll = PfOdeLikelihood.logLikelihood(oracle, x.clone(), n, o);
        double bias = 0, worst = 0;
        for (int i = 0; i < n; i++) {
            double e = ll[i] - closedForm(new double[d], cov, x, i, 1e-3);
            bias += e / n;
            worst = Math.max(worst, Math.abs(e));
        }
        System.out.printf(Locale.ROOT, "[acceptance] PF-ODE log-likelihood, Gaussian D=12, Hutchinson 32 probes: mean error "
                + "%.3f, max |error| %.3f nats%n", bias, worst);
        assertTrue(Math.abs(bias) < 0.3 && worst < 2, "mean error " + bias + ", max " + worst);
    }
}
