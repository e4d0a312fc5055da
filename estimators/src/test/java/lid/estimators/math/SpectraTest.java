package lid.estimators.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lid.estimators.Fixtures;
import org.junit.jupiter.api.Test;

class SpectraTest {

    @Test
    void gramAndCovariancePathsAgree() {
        // 21 points of the fixture: in R^10 (covariance path, m > dim) and zero-padded in R^30 (Gram path, m < dim)
        double[] x10 = java.util.Arrays.copyOf(Fixtures.ball30(), 21 * 10);
        double[] x30 = java.util.Arrays.copyOf(Fixtures.ball30Padded30(), 21 * 30);
        double[] a = Spectra.covarianceEigenvalues(x10, 21, 10);
        double[] b = Spectra.covarianceEigenvalues(x30, 21, 30);
        assertEquals(10, a.length);
        assertEquals(21, b.length, "min(m, dim) values");
        for (int i = 0; i < 21; i++) {
            assertEquals(i < 10 ? a[i] : 0.0, b[i], 1e-15, "eigenvalue " + i);
        }
        for (int i = 5; i < 21; i++) {
            assertEquals(0.0, b[i], 0.0, "rank-deficient directions are exactly zero");
        }
    }

    @Test
    void knownSpectrum() {
        // points (+-1, 0), (0, +-2): covariance diag(2/3, 8/3) with the N - 1 denominator
        double[] x = {1, 0, -1, 0, 0, 2, 0, -2};
        double[] ev = Spectra.covarianceEigenvalues(x, 4, 2);
        assertEquals(8.0 / 3, ev[0], 1e-15);
        assertEquals(2.0 / 3, ev[1], 1e-15);
    }
}
