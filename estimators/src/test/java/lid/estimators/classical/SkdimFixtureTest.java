package lid.estimators.classical;

import static lid.estimators.Fixtures.assertAbs;
import static lid.estimators.Fixtures.assertRel;
import static lid.estimators.Fixtures.global;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lid.estimators.EstimationInput;
import lid.estimators.EstimatorResult;
import lid.estimators.Fixtures;
import lid.estimators.math.Spectra;
import org.junit.jupiter.api.Test;

/**
 * The 30-point golden fixture (fixtures.md 2): [skdim-test] values from scikit-dimension's own
 * test suite to 1e-9 relative (1e-6 where skdim's optimiser stops early), [re-impl] values to
 * their stated precision.
 */
class SkdimFixtureTest {
    private static final double SKDIM = 1e-9;
    private final EstimationInput ball = Fixtures.input(Fixtures.ball30(), 30, 10);

    @Test
    void mle() {
        assertRel(3.341161830518472, global(ball, "mle"), SKDIM, "MLE()");
        assertRel(4.350132038093711, global(ball, "mle:k=5"), SKDIM, "MLE k=5");
        assertRel(3.1653112078596046, global(ball, "mle:unbiased=true"), SKDIM, "MLE unbiased");
        assertRel(3.4389424541367437, global(ball, "mle:comb=mean"), SKDIM, "MLE comb=mean");
        assertRel(5.312292926569348, global(ball, "mle:K=10:neighborhood_based=false"), SKDIM, "MLE global K=10");
    }

    @Test
    void mleWithNoiseMatchesSkdimsLooseQuadrature() {
        // skdim integrates with QUADPACK at epsabs = epsrel = 1e-2; our port stops at the same place
        assertRel(3.2755228756927455, global(ball, "mle:sigma=0.1:skdim=true"), SKDIM, "MLE noise, skdim quadrature");
        // textbook default: tight quadrature (scipy quad at 1e-12 gives 3.2727331327625984)
        assertAbs(3.272733, global(ball, "mle:sigma=0.1"), 5e-7, "MLE noise, tight quadrature");
    }

    @Test
    void twonn() {
        assertAbs(4.11323, global(ball, "twonn:discard_fraction=0.05:legacy_cdf=true:pw=false"), 5e-6, "TwoNN old F");
        assertRel(4.634032718914451, global(ball, "twonn:discard_fraction=0.05:pw=false"), SKDIM, "TwoNN F = i/n");
        EstimationInput padded = Fixtures.input(Fixtures.ball30Padded30(), 30, 30);
        assertAbs(4.05496, global(padded, "twonn:legacy_cdf=true:pw=false"), 5e-6, "TwoNN padded, old F");
        assertRel(4.522311661670988, global(padded, "twonn:pw=false"), SKDIM, "TwoNN padded");
    }

    @Test
    void corrint() {
        assertRel(2.9309171335492548, global(ball, "corrint:pw=false"), SKDIM, "CorrInt()");
    }

    @Test
    void mind() {
        // skdim's L-BFGS-B stops 1e-9 short of the likelihood's maximiser, which we compute exactly
        assertRel(3.696083548872364, global(ball, "mind:pw=false:skdim=true"), 1e-6, "MiND_MLk");
        assertAbs(3.6960835448, global(ball, "mind:pw=false"), 1e-9, "MiND_MLk exact root");
        assertEquals(4, global(ball, "mind:ver=MLi:pw=false:skdim=true"), "MiND_MLi");
    }

    @Test
    void lpcaSpectrumAndRules() {
        double[] ev = Spectra.covarianceEigenvalues(Fixtures.ball30(), 30, 10);
        double[] expected = {0.2306072, 0.17343578, 0.14978778, 0.12185125, 0.06375436, 0, 0, 0, 0, 0};
        for (int i = 0; i < 10; i++) {
            assertAbs(expected[i], ev[i], 5e-9, "explained variance " + i);
        }
        assertEquals(5, global(ball, "lpca:pw=false"), "lPCA FO");
        assertEquals(3, global(ball, "lpca:ver=Fan:pw=false"), "lPCA Fan");
        assertEquals(5, global(ball, "lpca:ver=maxgap:pw=false"), "lPCA maxgap");
        assertEquals(1, global(ball, "lpca:ver=ratio:pw=false:skdim=true"), "lPCA ratio 0.05 (skdim default)");
        assertEquals(1, global(ball, "lpca:ver=ratio:alphaRatio=0.05:pw=false"), "lPCA ratio 0.05");
        assertEquals(4, global(ball, "lpca:ver=ratio:alphaRatio=0.8:pw=false"), "lPCA ratio 0.8");
        assertEquals(4, global(ball, "lpca:ver=ratio:pw=false"), "lPCA ratio default 0.9");
        assertRel(4.387876415881796, global(ball, "lpca:ver=participation_ratio:pw=false"), SKDIM, "lPCA PR");
        assertEquals(4, global(ball, "lpca:ver=Kaiser:pw=false"), "lPCA Kaiser");
        assertEquals(6, global(ball, "lpca:ver=broken_stick:pw=false:skdim=true"), "lPCA broken stick, skdim +1");
        assertEquals(5, global(ball, "lpca:ver=broken_stick:pw=false"), "lPCA broken stick, textbook");
    }

    @Test
    void essFitOnce() {
        EstimatorResult a = Fixtures.run(ball, "ess:fit_once=true");
        assertAbs(5.08681575, a.global(), 5e-9, "ESS a dimension");
        assertAbs(0.88546915, a.extras().get("ess")[0], 5e-9, "ESS a value");
        EstimatorResult b = Fixtures.run(ball, "ess:fit_once=true:ver=b");
        assertAbs(5.11274497, b.global(), 5e-9, "ESS b dimension");
        assertAbs(0.371001, b.extras().get("ess")[0], 5e-7, "ESS b value");
        EstimatorResult d2 = Fixtures.run(ball, "ess:fit_once=true:d=2");
        assertAbs(5.06259738, d2.global(), 5e-9, "ESS d=2 dimension");
        assertAbs(0.66653896, d2.extras().get("ess")[0], 5e-9, "ESS d=2 value");
    }

    @Test
    void mom() {
        assertAbs(3.5307432124, global(ball, "mom:k=20"), 5e-11, "MOM k=20 mean");
        assertAbs(3.4911345185, global(ball, "mom:k=20:comb=median"), 5e-11, "MOM k=20 median");
        // skdim silently clips its default k = 100 to n - 1 = 29; we make that explicit
        assertAbs(2.3334609210, global(ball, "mom:k=29"), 5e-11, "MOM k=29");
    }

    @Test
    void fisherS() {
        assertRel(5.8617693894575895, global(ball, "fishers:pw=false:skdim=true"), SKDIM, "FisherS (numpy alpha grid)");
    }

    @Test
    void madaPointwise() {
        double[] expected = {2.73873109, 2.1619804, 2.29577097, 3.13300883, 2.68340134, 2.7744833, 2.16936429,
            2.63976628, 3.73803225, 2.68782875, 3.3468158, 3.3375878, 2.58747076, 3.49101585, 2.84130906, 3.68365681,
            3.5694458, 3.50015857, 2.78155042, 4.47995493, 4.0897491, 3.79781342, 2.62101409, 3.03665971,
            2.84263582, 3.82414291, 2.65283788, 3.46869821, 3.851816, 3.13222988};
        double[] pw = Fixtures.run(ball, "mada").pointwise();
        assertArrayEquals(expected, pw, 5e-8, "MADA pointwise");
    }

    @Test
    void tlePointwise() {
        double[] expected = {3.1975, 3.0745, 3.0447, 3.3422, 2.9231, 3.7637, 2.9517, 3.2285, 3.8731, 2.9633, 3.2595,
            4.1404, 3.1353, 3.671, 3.6847, 3.9358, 3.9902, 3.7741, 3.5728, 4.2938, 4.2238, 3.9431, 3.0891, 3.4052,
            4.0238, 4.7747, 3.9094, 4.9064, 4.0431, 3.4192};
        double[] pw = Fixtures.run(ball, "tle").pointwise();
        assertArrayEquals(expected, pw, 5e-5, "TLE pointwise");
    }
}
