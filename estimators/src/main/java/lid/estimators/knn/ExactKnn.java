package lid.estimators.knn;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import lid.kernels.Backends;
import lid.kernels.Kernels;
import lid.kernels.Parallel;

/**
 * Exact k nearest neighbours by brute force with the GEMM distance identity.
 *
 * <p>Each thread takes blocks of {@value #QB} queries and sweeps all points in blocks of
 * {@value #NB} columns: one SGEMM gives -2 q.x for the tile, and a vectorised scan keeps, per
 * query, a max-heap of the k smallest upper bounds (a valid upper bound on the true k-th
 * distance) and a list of every point whose lower bound is not above the current heap top
 * (see {@link DistanceTiles} for the bracket). At the end the candidates whose lower bound is
 * within the final k-th upper bound are recomputed exactly in double and sorted by
 * (distance, index). Every true neighbour, and every point tied with the k-th, is among the
 * candidates, so the result is exactly {@link BruteForceKnn}'s, bit for bit, for any thread count.
 */
public final class ExactKnn {
    private ExactKnn() {}

    static final int QB = 256;
    static final int NB = 2048;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Below this much work the scalar reference is as fast and simpler. */
    private static final long SMALL = 4_000_000L;

    /** k nearest neighbours of every row of x [n, dim]. */
    public static KnnGraph compute(double[] x, int n, int dim, int k, Parallel parallel) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return compute(x, n, dim, all, k, parallel);
    }

    /** k nearest neighbours of the given query points among all n rows of x [n, dim]. */
    public static KnnGraph compute(double[] x, int n, int dim, int[] queries, int k, Parallel parallel) {
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException("k=" + k + " neighbours need at least " + (k + 1)
                    + " points; the data has " + n + (n > 1 ? " (use k <= " + (n - 1) + ")" : ""));
        }
        for (int q : queries) {
            if (q < 0 || q >= n) {
                throw new IllegalArgumentException("query index " + q + " outside [0, " + n + ")");
            }
        }
        if ((long) queries.length * n * dim < SMALL) {
            return BruteForceKnn.compute(x, n, dim, queries, k);
        }
        DistanceTiles tiles = new DistanceTiles(x, n, dim);
        int q = queries.length;
        int[] idx = new int[q * k];
        double[] dist = new double[q * k];
        int blocks = (q + QB - 1) / QB;
        int threads = Math.min(parallel.threads(), blocks);
        parallel.forEach(threads, t -> {
            Worker w = new Worker(tiles, x, k);
            for (int b = t; b < blocks; b += threads) {
                int from = b * QB;
                w.run(queries, from, Math.min(QB, q - from), idx, dist);
            }
        });
        return new KnnGraph(k, queries.clone(), idx, dist);
    }

    /** Buffers of one thread. */
    private static final class Worker {
        final DistanceTiles tiles;
        final double[] x;
        final int k;
        final Kernels kernels = Backends.cpu(1);
        final float[] a;
        final float[] c;
        final float[][] heap;
        final int[] heapSize;
        int[][] cand;
        float[][] candLo;
        final int[] candCount;
        final double[] d2;
        int[] order;

        Worker(DistanceTiles tiles, double[] x, int k) {
            this.tiles = tiles;
            this.x = x;
            this.k = k;
            a = new float[QB * tiles.dim];
            c = new float[QB * NB];
            heap = new float[QB][k];
            heapSize = new int[QB];
            cand = new int[QB][4 * k + 16];
            candLo = new float[QB][4 * k + 16];
            candCount = new int[QB];
            d2 = new double[tiles.n];
            order = new int[4 * k + 16];
        }

        void run(int[] queries, int from, int rows, int[] idxOut, double[] distOut) {
            tiles.gather(queries, from, rows, a);
            Arrays.fill(heapSize, 0);
            Arrays.fill(candCount, 0);
            int n = tiles.n;
            for (int c0 = 0; c0 < n; c0 += NB) {
                int cols = Math.min(NB, n - c0);
                tiles.dots(kernels, a, rows, c0, cols, c);
                for (int r = 0; r < rows; r++) {
                    scan(r, queries[from + r], c0, cols);
                }
            }
            for (int r = 0; r < rows; r++) {
                finish(r, queries[from + r], (from + r) * k, idxOut, distOut);
            }
        }

        /** One query row of one tile. */
        private void scan(int r, int self, int c0, int cols) {
            float[] lo = tiles.normLo;
            float qLo = lo[self];
            float thr = heapSize[r] == k ? heap[r][0] : Float.POSITIVE_INFINITY;
            int off = r * cols;
            int j = 0;
            int upper = S.loopBound(cols);
            FloatVector vq = FloatVector.broadcast(S, qLo);
            FloatVector vt = FloatVector.broadcast(S, thr);
            for (; j < upper; j += S.length()) {
                FloatVector v = FloatVector.fromArray(S, c, off + j).add(vq).add(FloatVector.fromArray(S, lo, c0 + j));
                VectorMask<Float> m = v.compare(VectorOperators.LE, vt);
                if (m.anyTrue()) {
                    for (int lane = m.firstTrue(); lane < S.length(); lane++) {
                        if (m.laneIsSet(lane)) {
                            thr = offer(r, self, c0 + j + lane, c[off + j + lane], thr);
                        }
                    }
                    vt = FloatVector.broadcast(S, thr);
                }
            }
            for (; j < cols; j++) {
                thr = offer(r, self, c0 + j, c[off + j], thr);
            }
        }

        /** Point p with tile value g = -2 q.x_p: candidate if its lower bound <= thr; returns the new thr. */
        private float offer(int r, int self, int p, float g, float thr) {
            if (p == self) {
                return thr;
            }
            float low = g + tiles.normLo[self] + tiles.normLo[p];
            if (!(low <= thr)) {
                return thr;
            }
            int m = candCount[r];
            if (m == cand[r].length) {
                cand[r] = Arrays.copyOf(cand[r], 2 * m);
                candLo[r] = Arrays.copyOf(candLo[r], 2 * m);
            }
            cand[r][m] = p;
            candLo[r][m] = low;
            candCount[r] = m + 1;
            float high = g + tiles.normHi[self] + tiles.normHi[p];
            float[] h = heap[r];
            int size = heapSize[r];
            if (size < k) {
                siftUp(h, size, high);
                heapSize[r] = ++size;
                return size == k ? h[0] : Float.POSITIVE_INFINITY;
            }
            if (high < h[0]) {
                siftDown(h, k, high);
            }
            return h[0];
        }

        /** Exact distances of the surviving candidates, sorted by (distance, index). */
        private void finish(int r, int self, int outOff, int[] idxOut, double[] distOut) {
            float tau = heap[r][0];
            int m = 0;
            int count = candCount[r];
            if (order.length < count) {
                order = new int[count];
            }
            for (int i = 0; i < count; i++) {
                if (candLo[r][i] <= tau) {
                    int p = cand[r][i];
                    order[m++] = p;
                    d2[p] = ExactDistance.squared(x, tiles.dim, self, p);
                }
            }
            BruteForceKnn.select(order, m, d2, k);
            for (int j = 0; j < k; j++) {
                idxOut[outOff + j] = order[j];
                distOut[outOff + j] = Math.sqrt(d2[order[j]]);
            }
        }

        private static void siftUp(float[] h, int size, float v) {
            int i = size;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (h[parent] >= v) {
                    break;
                }
                h[i] = h[parent];
                i = parent;
            }
            h[i] = v;
        }

        /** Replaces the top of a full max-heap by v. */
        private static void siftDown(float[] h, int size, float v) {
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    break;
                }
                int big = l + 1 < size && h[l + 1] > h[l] ? l + 1 : l;
                if (h[big] <= v) {
                    break;
                }
                h[i] = h[big];
                i = big;
            }
            h[i] = v;
        }
    }
}
