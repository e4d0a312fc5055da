package lid.estimators;

import lid.datasets.spec.Params;

import java.util.Optional;
import lid.datasets.Dataset;
import lid.estimators.knn.ExactKnn;
import lid.estimators.knn.KnnGraph;
import lid.kernels.Parallel;

/**
 * What an estimator runs on: n points in R^dim (kept in double; float data converts exactly),
 * the query points that get pointwise estimates (all by default; neighbours always come from all
 * n points), the thread count, a seed for randomised estimators, an optional model for the
 * model-based estimators, and the {@link ArtifactCache} shared by every estimator run on it.
 *
 * <p>Validates on construction: finite coordinates, at least one point and one coordinate,
 * query indices in range.
 */
public final class EstimationInput {
    private final int n;
    private final int dim;
    private final double[] x;
    private final int[] queries;
    private final boolean allQueries;
    private final Parallel parallel;
    private final long seed;
    private final EstimatorModel model;
    private final ArtifactCache cache = new ArtifactCache();

    private EstimationInput(Builder b) {
        this.n = b.n;
        this.dim = b.dim;
        this.x = b.x;
        this.allQueries = b.queries == null;
        if (allQueries) {
            queries = new int[n];
            for (int i = 0; i < n; i++) {
                queries[i] = i;
            }
        } else {
            queries = b.queries.clone();
            for (int q : queries) {
                if (q < 0 || q >= n) {
                    throw new IllegalArgumentException("query point " + (q + 1) + " is outside the data (rows 1.." + n + ")");
                }
            }
        }
        this.parallel = Parallel.of(b.threads);
        this.seed = b.seed;
        this.model = b.model;
        if (model != null && model.dim() != dim) {
            throw new IllegalArgumentException("the model works in dimension " + model.dim()
                    + " but the data has " + dim + " coordinates");
        }
    }

    /** Data as [n, dim] row-major doubles (not copied: do not modify). */
    public static Builder builder(double[] x, int n, int dim) {
        checkShape(x.length, n, dim);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw badValue(x[i], i, dim);
            }
        }
        return new Builder(x, n, dim);
    }

    /** Data as [n, dim] row-major floats (converted exactly to double). */
    public static Builder builder(float[] x, int n, int dim) {
        checkShape(x.length, n, dim);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw badValue(x[i], i, dim);
            }
            d[i] = x[i];
        }
        return new Builder(d, n, dim);
    }

    /** All points of a dataset, default threads and seed. */
    public static EstimationInput of(Dataset ds) {
        return builder(ds.x(), ds.n(), ds.dim()).build();
    }

    private static void checkShape(long length, int n, int dim) {
        if (n < 1 || dim < 1) {
            throw new IllegalArgumentException("data must have at least one point and one coordinate, got ["
                    + n + ", " + dim + "]");
        }
        if (length != (long) n * dim) {
            throw new IllegalArgumentException("data array has " + length + " values, expected n*dim = "
                    + n + "*" + dim + " = " + (long) n * dim);
        }
    }

    private static IllegalArgumentException badValue(double v, int i, int dim) {
        return new IllegalArgumentException("data contains " + v + " at row " + (i / dim + 1) + ", column "
                + (i % dim + 1) + ": estimators need finite coordinates (drop or impute those rows)");
    }

    public int n() {
        return n;
    }

    public int dim() {
        return dim;
    }

    /** The [n, dim] data (shared, do not modify). */
    public double[] data() {
        return x;
    }

    public double get(int i, int t) {
        return x[i * dim + t];
    }

    /** Rows idx[from .. from + m) gathered into a new [m, dim] array. */
    public double[] rows(int[] idx, int from, int m) {
        double[] out = new double[m * dim];
        for (int r = 0; r < m; r++) {
            System.arraycopy(x, idx[from + r] * dim, out, r * dim, dim);
        }
        return out;
    }

    /** The query point indices (a copy). */
    public int[] queries() {
        return queries.clone();
    }

    public int queryCount() {
        return queries.length;
    }

    public int query(int q) {
        return queries[q];
    }

    /** True when every point is a query (the default). */
    public boolean queriesAreAll() {
        return allQueries;
    }

    public Parallel parallel() {
        return parallel;
    }

    public int threads() {
        return parallel.threads();
    }

    public long seed() {
        return seed;
    }

    public Optional<EstimatorModel> model() {
        return Optional.ofNullable(model);
    }

    public ArtifactCache cache() {
        return cache;
    }

    /** Exact k nearest neighbours of the query points (rows in query order); cached. */
    public KnnGraph knn(int k) {
        return allQueries ? knnAll(k) : graph(k, false);
    }

    /** Exact k nearest neighbours of every point; cached. */
    public KnnGraph knnAll(int k) {
        return graph(k, true);
    }

    private record KnnKey(boolean all) {}

    private KnnGraph graph(int k, boolean all) {
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException(k + " neighbours per point need at least " + (k + 1) + " points, but the data "
                    + "has " + n + (n > 1 ? ": choose a neighbourhood of at most " + (n - 1) + " (the estimator's k= or nbhd= "
                    + "option) or give more points" : ""));
        }
        KnnKey key = new KnnKey(all);
        synchronized (cache) {
            KnnGraph g = cache.peek(key);
            if (g == null || g.k() < k) {
                // one graph per scope, grown when a larger k is asked for; smaller k are prefixes
                int[] rows = all ? allIndices() : queries;
                g = ExactKnn.compute(x, n, dim, rows, k, parallel);
                cache.put(key, g);
            }
            return g.prefix(k);
        }
    }

    private int[] allIndices() {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Params of an input; {@link #build()} validates. */
    public static final class Builder {
        private final double[] x;
        private final int n;
        private final int dim;
        private int[] queries;
        private int threads;
        private long seed;
        private EstimatorModel model;

        private Builder(double[] x, int n, int dim) {
            this.x = x;
            this.n = n;
            this.dim = dim;
        }

        /** Pointwise estimates only for these points (neighbours still come from all points). */
        public Builder queries(int[] queries) {
            this.queries = queries.clone();
            return this;
        }

        /** Threads; 0 (the default) = one per processor. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Seed of the randomised estimators (ESS subsets, DANCo calibration); default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder model(EstimatorModel model) {
            this.model = model;
            return this;
        }

        public EstimationInput build() {
            return new EstimationInput(this);
        }
    }
}
