package lid.estimators.knn;

/**
 * Squared Euclidean distance between two rows of a row-major [n, dim] double matrix, summed in
 * coordinate order. The one definition every exact distance in this module goes through, so the
 * fast kNN and its scalar reference agree bit for bit (and d(i, j) == d(j, i) exactly, since
 * (a - b)^2 == (b - a)^2 in IEEE arithmetic).
 */
public final class ExactDistance {
    private ExactDistance() {}

    public static double squared(double[] x, int dim, int i, int j) {
        int a = i * dim;
        int b = j * dim;
        double s = 0;
        for (int t = 0; t < dim; t++) {
            double d = x[a + t] - x[b + t];
            s += d * d;
        }
        return s;
    }

    /** Squared distance between row i of x and row j of y (both [*, dim]). */
    public static double squared(double[] x, int i, double[] y, int j, int dim) {
        int a = i * dim;
        int b = j * dim;
        double s = 0;
        for (int t = 0; t < dim; t++) {
            double d = x[a + t] - y[b + t];
            s += d * d;
        }
        return s;
    }
}
