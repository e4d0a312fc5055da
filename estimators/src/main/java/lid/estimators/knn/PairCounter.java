package lid.estimators.knn;

import lid.kernels.Backends;
import lid.kernels.Kernels;
import lid.kernels.Parallel;

/**
 * Exact counts of ordered pairs (i, j), i != j, at Euclidean distance strictly below each of a
 * few radii (the correlation integral's numerator). Pairs the {@link DistanceTiles} bracket
 * settles are counted from the float GEMM tile; the rest are decided on the exact double
 * distance, so the counts equal a double-precision brute force.
 */
public final class PairCounter {
    private PairCounter() {}

    private static final int QB = 256;
    private static final int NB = 1024;
    /** Relative slack between the bracket and the radius before a pair counts as settled. */
    private static final double SLACK = 1e-6;

    public static long[] countBelow(double[] x, int n, int dim, double[] radii, Parallel parallel) {
        int nr = radii.length;
        if ((long) n * n * dim < 8_000_000L) {
            return bruteForce(x, n, dim, radii);
        }
        DistanceTiles tiles = new DistanceTiles(x, n, dim);
        float[] inLo = new float[nr];
        float[] outHi = new float[nr];
        for (int r = 0; r < nr; r++) {
            double s = radii[r] * radii[r] * tiles.scale2;
            inLo[r] = (float) (s * (1 - SLACK));
            outHi[r] = (float) (s * (1 + SLACK));
        }
        int blocks = (n + QB - 1) / QB;
        long[][] partial = new long[blocks][nr];
        parallel.forEach(blocks, b -> {
            Kernels kernels = Backends.cpu(1);
            int r0 = b * QB;
            int rows = Math.min(QB, n - r0);
            float[] a = new float[rows * dim];
            float[] c = new float[rows * NB];
            tiles.gatherRange(r0, rows, a);
            long[] counts = partial[b];
            for (int c0 = r0; c0 < n; c0 += NB) {
                int cols = Math.min(NB, n - c0);
                tiles.dots(kernels, a, rows, c0, cols, c);
                for (int i = 0; i < rows; i++) {
                    int pi = r0 + i;
                    float qlo = tiles.normLo[pi];
                    float qhi = tiles.normHi[pi];
                    for (int j = 0; j < cols; j++) {
                        int pj = c0 + j;
                        if (pj <= pi) {
                            continue; // each unordered pair once
                        }
                        float g = c[i * cols + j];
                        float lo = g + qlo + tiles.normLo[pj];
                        float hi = g + qhi + tiles.normHi[pj];
                        double exact = -1;
                        for (int r = 0; r < nr; r++) {
                            if (hi < inLo[r]) {
                                counts[r]++;
                            } else if (!(lo > outHi[r])) {
                                if (exact < 0) {
                                    exact = Math.sqrt(ExactDistance.squared(x, dim, pi, pj));
                                }
                                if (exact < radii[r]) {
                                    counts[r]++;
                                }
                            }
                        }
                    }
                }
            }
        });
        long[] total = new long[nr];
        for (long[] p : partial) {
            for (int r = 0; r < nr; r++) {
                total[r] += 2 * p[r];
            }
        }
        return total;
    }

    /** The double-precision reference. */
    public static long[] bruteForce(double[] x, int n, int dim, double[] radii) {
        long[] counts = new long[radii.length];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = Math.sqrt(ExactDistance.squared(x, dim, i, j));
                for (int r = 0; r < radii.length; r++) {
                    if (d < radii[r]) {
                        counts[r] += 2;
                    }
                }
            }
        }
        return counts;
    }
}
