package lid.estimators.knn;

import java.util.Arrays;

/**
 * The k nearest neighbours of a set of query points: row q lists the neighbours of point
 * {@code queries[q]} in order of (distance, index), the query itself excluded (duplicates of it,
 * at distance 0, are neighbours like any other point).
 *
 * @param k         neighbours per query
 * @param queries   [q] the point index of each row
 * @param indices   [q, k] row-major neighbour indices
 * @param distances [q, k] row-major Euclidean distances, computed exactly in double from the
 *                  coordinates (not from the GEMM identity)
 */
public record KnnGraph(int k, int[] queries, int[] indices, double[] distances) {
    public KnnGraph {
        if (k < 1 || indices.length != (long) queries.length * k || distances.length != indices.length) {
            throw new IllegalArgumentException("kNN graph arrays do not match " + queries.length + " x " + k);
        }
    }

    /** Number of query rows. */
    public int size() {
        return queries.length;
    }

    /** Index of the j-th neighbour (0-based) of row q. */
    public int neighbour(int q, int j) {
        return indices[q * k + j];
    }

    /** Distance to the j-th neighbour (0-based) of row q. */
    public double distance(int q, int j) {
        return distances[q * k + j];
    }

    /** Distances of row q as a new array. */
    public double[] distances(int q) {
        return Arrays.copyOfRange(distances, q * k, q * k + k);
    }

    /** Neighbour indices of row q as a new array. */
    public int[] neighbours(int q) {
        return Arrays.copyOfRange(indices, q * k, q * k + k);
    }

    /** The first k2 <= k neighbours of every row. */
    public KnnGraph prefix(int k2) {
        if (k2 == k) {
            return this;
        }
        if (k2 < 1 || k2 > k) {
            throw new IllegalArgumentException("prefix " + k2 + " of a " + k + "-NN graph");
        }
        int q = queries.length;
        int[] idx = new int[q * k2];
        double[] dist = new double[q * k2];
        for (int r = 0; r < q; r++) {
            System.arraycopy(indices, r * k, idx, r * k2, k2);
            System.arraycopy(distances, r * k, dist, r * k2, k2);
        }
        return new KnnGraph(k2, queries, idx, dist);
    }
}
