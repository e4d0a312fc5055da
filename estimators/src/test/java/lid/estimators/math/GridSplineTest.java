package lid.estimators.math;

import static lid.estimators.Fixtures.assertRel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Against scipy.interpolate.interp1d (kind cubic = not-a-knot, quadratic with 3 points), SciPy 1.17. */
class GridSplineTest {
    private static final double[] Y = {3.0, 1.0, 0.5, 0.2, 0.3, 0.9, 2.0, 4.5};

    @Test
    void notAKnotCubicMatchesScipy() {
        GridSpline s = new GridSpline(Y);
        double[] x = {1, 1.5, 2.25, 4.7, 7.99, 8};
        double[] ref = {3.0, 1.7060705741626794, 0.8008933911483254, 0.21358971291866036, 4.464329323684211, 4.5};
        for (int i = 0; i < x.length; i++) {
            assertRel(ref[i], s.value(x[i]), 1e-13, "spline(" + x[i] + ")");
        }
        GridSpline four = new GridSpline(new double[] {3.0, 1.0, 0.5, 0.2});
        assertRel(1.7312499999999997, four.value(1.5), 1e-13, "4 points");
        assertRel(0.44815000000000005, four.value(3.3), 1e-13, "4 points");
        GridSpline three = new GridSpline(new double[] {3.0, 1.0, 0.5});
        assertRel(1.8125, three.value(1.5), 1e-14, "quadratic");
        assertRel(0.49249999999999994, three.value(2.7), 1e-13, "quadratic");
    }

    @Test
    void reproducesCubicsAndFindsTheirMinimum() {
        // f(x) = (x - 3.3)^2 (x + 1): its minimum on [2, 5] is at 3.3
        double[] y = new double[7];
        for (int i = 0; i < 7; i++) {
            double x = i + 1;
            y[i] = (x - 3.3) * (x - 3.3) * (x + 1);
        }
        GridSpline s = new GridSpline(y);
        assertEquals((2.5 - 3.3) * (2.5 - 3.3) * 3.5, s.value(2.5), 1e-12);
        assertEquals(3.3, s.argmin(2, 5), 1e-12);
        assertEquals(2.0, new GridSpline(new double[] {1, 0, 1}).argmin(1, 3), 1e-15);
    }
}
