package lid.datasets;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Repeated points of a data set (bit-equal rows): found by hashing rows, dropped on request. */
public final class Duplicates {
    private Duplicates() {}

    /** For each row, the index of the first row equal to it (itself when it is the first). */
    public static int[] firstOccurrence(float[] x, int n, int dim) {
        int[] first = new int[n];
        Map<Integer, int[]> byHash = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int h = rowHash(x, i, dim);
            int[] bucket = byHash.get(h);
            first[i] = i;
            if (bucket != null) {
                for (int j : bucket) {
                    if (sameRow(x, i, j, dim)) {
                        first[i] = j;
                        break;
                    }
                }
            }
            if (first[i] == i) {
                byHash.put(h, bucket == null ? new int[] {i} : append(bucket, i));
            }
        }
        return first;
    }

    /** The dataset without the rows that repeat an earlier one (labels and components follow). */
    public static Dataset drop(Dataset ds, int[] firstOf) {
        int keep = 0;
        for (int i = 0; i < firstOf.length; i++) {
            keep += firstOf[i] == i ? 1 : 0;
        }
        int d = ds.dim();
        float[] x = new float[keep * d];
        int[] lid = new int[keep];
        int[] comp = new int[keep];
        int k = 0;
        for (int i = 0; i < firstOf.length; i++) {
            if (firstOf[i] == i) {
                System.arraycopy(ds.x(), i * d, x, k * d, d);
                lid[k] = ds.lid()[i];
                comp[k] = ds.component()[i];
                k++;
            }
        }
        return new Dataset(ds.spec(), ds.seed(), keep, d, x, lid, comp, ds.mixture(), ds.image());
    }

    private static int rowHash(float[] x, int i, int dim) {
        int h = 1;
        for (int j = 0; j < dim; j++) {
            float v = x[i * dim + j];
            h = 31 * h + Float.floatToIntBits(v == 0f ? 0f : v); // -0 and 0 are the same point
        }
        return h;
    }

    private static boolean sameRow(float[] x, int a, int b, int dim) {
        for (int j = 0; j < dim; j++) {
            if (x[a * dim + j] != x[b * dim + j]) {
                return false;
            }
        }
        return true;
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }
}
