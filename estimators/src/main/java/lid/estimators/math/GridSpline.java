package lid.estimators.math;

/**
 * The interpolating spline of values y_1..y_m on the integer grid 1..m, as scipy's
 * {@code interp1d} builds it for DANCo's fractal dimension: linear for m = 2, the quadratic
 * through the points for m = 3, and the not-a-knot cubic spline for m >= 4 (scipy's
 * {@code kind="cubic"}, i.e. {@code make_interp_spline(k=3)}).
 */
public final class GridSpline {
    private final int m;
    private final double[] y;
    /** Second derivatives at the nodes. */
    private final double[] mm;

    public GridSpline(double[] values) {
        this.m = values.length;
        if (m < 2) {
            throw new IllegalArgumentException("a spline needs at least 2 values, got " + m);
        }
        this.y = values.clone();
        this.mm = new double[m];
        if (m == 3) {
            java.util.Arrays.fill(mm, y[0] - 2 * y[1] + y[2]);
        } else if (m >= 4) {
            solveNotAKnot();
        }
    }

    /** M_{i-1} + 4 M_i + M_{i+1} = 6 (y_{i+1} - 2 y_i + y_{i-1}) inside, third derivative continuous at nodes 2 and m-1. */
    private void solveNotAKnot() {
        double[][] a = new double[m][m];
        double[] rhs = new double[m];
        a[0][0] = 1;
        a[0][1] = -2;
        a[0][2] = 1;
        for (int i = 1; i < m - 1; i++) {
            a[i][i - 1] = 1;
            a[i][i] = 4;
            a[i][i + 1] = 1;
            rhs[i] = 6 * (y[i + 1] - 2 * y[i] + y[i - 1]);
        }
        a[m - 1][m - 3] = 1;
        a[m - 1][m - 2] = -2;
        a[m - 1][m - 1] = 1;
        double[] sol = solve(a, rhs);
        System.arraycopy(sol, 0, mm, 0, m);
    }

    /** Gaussian elimination with partial pivoting (m is at most a few hundred). */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double[] tr = a[col];
            a[col] = a[piv];
            a[piv] = tr;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int c = col; c < n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                    b[r] -= f * b[col];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** Coefficients {a, b, c, d} of piece i (0-based, on [i+1, i+2]) in t = x - (i+1). */
    private double[] piece(int i) {
        double b = (y[i + 1] - y[i]) - (2 * mm[i] + mm[i + 1]) / 6;
        return new double[] {y[i], b, mm[i] / 2, (mm[i + 1] - mm[i]) / 6};
    }

    /** The spline at x in [1, m]. */
    public double value(double x) {
        if (!(x >= 1 && x <= m)) {
            throw new IllegalArgumentException("x=" + x + " outside [1, " + m + "]");
        }
        int i = Math.min((int) Math.floor(x) - 1, m - 2);
        double t = x - (i + 1);
        double[] p = piece(i);
        return p[0] + t * (p[1] + t * (p[2] + t * p[3]));
    }

    /** The point of smallest value in [lo, hi] (within [1, m]); ties go to the smaller x. */
    public double argmin(double lo, double hi) {
        lo = Math.max(1, lo);
        hi = Math.min(m, hi);
        double bestX = lo;
        double best = value(lo);
        for (int i = (int) Math.floor(lo) - 1; i <= Math.min(m - 2, (int) Math.ceil(hi) - 1); i++) {
            double[] p = piece(i);
            double from = Math.max(lo, i + 1);
            double to = Math.min(hi, i + 2);
            if (from > to) {
                continue;
            }
            double[] cands = criticalPoints(p);
            double[] xs = {from, to, Double.NaN, Double.NaN};
            for (int c = 0; c < cands.length; c++) {
                xs[2 + c] = cands[c] + i + 1;
            }
            for (double x : xs) {
                if (x >= from && x <= to) {
                    double v = value(x);
                    if (v < best || (v == best && x < bestX)) {
                        best = v;
                        bestX = x;
                    }
                }
            }
        }
        return bestX;
    }

    /** Roots in t of b + 2 c t + 3 d t^2. */
    private static double[] criticalPoints(double[] p) {
        double qa = 3 * p[3];
        double qb = 2 * p[2];
        double qc = p[1];
        if (Math.abs(qa) < 1e-300) {
            return qb == 0 ? new double[0] : new double[] {-qc / qb};
        }
        double disc = qb * qb - 4 * qa * qc;
        if (disc < 0) {
            return new double[0];
        }
        double sq = Math.sqrt(disc);
        double q = -0.5 * (qb + Math.copySign(sq, qb));
        if (q == 0) {
            return new double[] {0};
        }
        return new double[] {q / qa, qc / q};
    }
}
