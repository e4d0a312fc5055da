package lid.estimators.diffusion;

/**
 * Kneedle (Satopaa et al. 2011) exactly as {@code kneed} 0.8.6 runs it offline for a convex,
 * decreasing curve with interp1d and S = 1 (math.md section 4.6): min-max normalise, flip to
 * concave-increasing, difference curve, local maxima/minima with clipped ends, thresholds
 * T_k = Dif(max_k) - S mean(diff(x_n)), and the first knee found by the scan.
 */
public final class Kneedle {
    private Kneedle() {}

    /** Index of the knee in x (ascending), or -1 when there is none. */
    public static int kneeIndex(double[] x, double[] y, double sensitivity) {
        int n = x.length;
        if (n < 3) {
            return -1;
        }
        double xmin = x[0], xmax = x[0], ymin = y[0], ymax = y[0];
        for (int i = 1; i < n; i++) {
            xmin = Math.min(xmin, x[i]);
            xmax = Math.max(xmax, x[i]);
            ymin = Math.min(ymin, y[i]);
            ymax = Math.max(ymax, y[i]);
        }
        if (xmax == xmin || ymax == ymin) {
            return -1;
        }
        double[] xn = new double[n], yn = new double[n], dif = new double[n];
        for (int i = 0; i < n; i++) {
            xn[i] = (x[i] - xmin) / (xmax - xmin);
            yn[i] = (y[i] - ymin) / (ymax - ymin);
        }
        double ynMax = Double.NEGATIVE_INFINITY;
        for (double v : yn) {
            ynMax = Math.max(ynMax, v);
        }
        for (int i = 0; i < n; i++) {
            yn[i] = ynMax - yn[i];       // convex decreasing -> concave increasing
            dif[i] = yn[i] - xn[i];
        }
        boolean[] isMax = new boolean[n], isMin = new boolean[n];
        for (int i = 0; i < n; i++) {
            double left = dif[Math.max(0, i - 1)], right = dif[Math.min(n - 1, i + 1)];
            isMax[i] = dif[i] >= left && dif[i] >= right;
            isMin[i] = dif[i] <= left && dif[i] <= right;
        }
        double meanStep = 0;
        for (int i = 1; i < n; i++) {
            meanStep += xn[i] - xn[i - 1];
        }
        meanStep /= n - 1;
        int firstMax = -1;
        for (int i = 0; i < n; i++) {
            if (isMax[i]) {
                firstMax = i;
                break;
            }
        }
        if (firstMax < 0) {
            return -1;
        }
        double threshold = 0;
        int thresholdIndex = -1;
        boolean on = false;
        for (int i = firstMax; i < n - 1; i++) {
            if (isMax[i]) {
                threshold = dif[i] - sensitivity * meanStep;
                thresholdIndex = i;
                on = true;
            }
            if (isMin[i]) {
                threshold = 0;
                on = false;
            }
            if (on && dif[i + 1] < threshold) {
                return thresholdIndex;
            }
        }
        return -1;
    }
}
