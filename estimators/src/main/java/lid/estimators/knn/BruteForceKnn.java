package lid.estimators.knn;

/**
 * The scalar reference kNN: every exact double distance, sorted by (squared distance, index).
 * O(n^2 dim); for tests and for small neighbourhood patches.
 */
public final class BruteForceKnn {
    private BruteForceKnn() {}

    /** k nearest neighbours of each query among the n rows of x [n, dim], the query excluded. */
    public static KnnGraph compute(double[] x, int n, int dim, int[] queries, int k) {
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("k=" + k + " neighbours need at least " + (k + 1)
                    + " points; the data has " + n);
        }
        int q = queries.length;
        int[] idx = new int[q * k];
        double[] dist = new double[q * k];
        double[] d2 = new double[n];
        int[] order = new int[n - 1];
        for (int r = 0; r < q; r++) {
            int i = queries[r];
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    d2[j] = ExactDistance.squared(x, dim, i, j);
                    order[m++] = j;
                }
            }
            select(order, m, d2, k);
            for (int j = 0; j < k; j++) {
                idx[r * k + j] = order[j];
                dist[r * k + j] = Math.sqrt(d2[order[j]]);
            }
        }
        return new KnnGraph(k, queries.clone(), idx, dist);
    }

    /** k nearest neighbours of every row. */
    public static KnnGraph compute(double[] x, int n, int dim, int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return compute(x, n, dim, all, k);
    }

    /** Puts the k smallest of order[0..m) by (d2, index) first, sorted. */
    static void select(int[] order, int m, double[] d2, int k) {
        // partial selection sort is O(mk); fine for the small k and m it serves
        if ((long) m * k > 64L * m) {
            sort(order, m, d2);
            return;
        }
        for (int a = 0; a < k; a++) {
            int best = a;
            for (int b = a + 1; b < m; b++) {
                if (less(order[b], order[best], d2)) {
                    best = b;
                }
            }
            int t = order[a];
            order[a] = order[best];
            order[best] = t;
        }
    }

    static boolean less(int a, int b, double[] d2) {
        return d2[a] < d2[b] || (d2[a] == d2[b] && a < b);
    }

    /** Sorts order[0..m) by (d2, index). */
    static void sort(int[] order, int m, double[] d2) {
        Integer[] boxed = new Integer[m];
        for (int i = 0; i < m; i++) {
            boxed[i] = order[i];
        }
        java.util.Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(d2[a], d2[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int i = 0; i < m; i++) {
            order[i] = boxed[i];
        }
    }
}
