package lid.datasets;

import java.util.Objects;

/**
 * A dataset: n points in R^dim with their ground truth.
 *
 * @param spec      the SPEC (or file path) that made it
 * @param seed      the seed it was generated with
 * @param n         number of points
 * @param dim       ambient dimension D
 * @param x         [n, dim] row-major
 * @param lid       [n] true local intrinsic dimension of each point (-1 = unknown, e.g. a user file
 *                  without labels)
 * @param component [n] index of the component (submanifold) each point lies on, from 0
 * @param mixture   the exact Gaussian mixture the points were drawn from, or null when the data
 *                  is not Gaussian
 * @param image     the image layout of the rows, or null when the rows are not images
 */
public record Dataset(String spec, long seed, int n, int dim, float[] x, int[] lid, int[] component,
                      LowRankMixture mixture, ImageShape image) {
    public Dataset {
        Objects.requireNonNull(spec, "spec");
        if (n < 0 || dim < 1) {
            throw new IllegalArgumentException("bad dataset shape [" + n + ", " + dim + "]");
        }
        if (x.length != (long) n * dim || lid.length != n || component.length != n) {
            throw new IllegalArgumentException("dataset arrays do not match [" + n + ", " + dim + "]: x "
                    + x.length + ", lid " + lid.length + ", component " + component.length);
        }
        if (mixture != null && mixture.dim() != dim) {
            throw new IllegalArgumentException("mixture dimension " + mixture.dim() + " != " + dim);
        }
        if (image != null && image.size() != dim) {
            throw new IllegalArgumentException("image shape " + image + " does not hold " + dim + " values");
        }
    }

    /** Coordinate j of point i. */
    public float get(int i, int j) {
        return x[i * dim + j];
    }

    /** Point i as a new array. */
    public float[] row(int i) {
        float[] r = new float[dim];
        System.arraycopy(x, i * dim, r, 0, dim);
        return r;
    }

    /** Number of components (largest component index + 1). */
    public int componentCount() {
        int max = -1;
        for (int c : component) {
            max = Math.max(max, c);
        }
        return max + 1;
    }

    /** True when every point has a known LID. */
    public boolean hasGroundTruth() {
        for (int l : lid) {
            if (l < 0) {
                return false;
            }
        }
        return true;
    }
}
