package lid.datasets.generators;

import java.util.Arrays;
import lid.datasets.ImageShape;
import lid.datasets.LowRankMixture;

/**
 * What a generator returns before the common options are applied: n points in its own
 * coordinates R^dim ([n, dim] row-major), their true LID and component, and optional extras
 * (mixture, image layout; null when absent).
 */
public record Points(int dim, float[] x, int[] lid, int[] component, LowRankMixture mixture, ImageShape image) {
    public Points {
        int n = lid.length;
        if (x.length != (long) n * dim || component.length != n) {
            throw new IllegalStateException("generator output does not match [" + n + ", " + dim + "]");
        }
    }

    /** Points without extras. */
    public Points(int dim, float[] x, int[] lid, int[] component) {
        this(dim, x, lid, component, null, null);
    }

    /** Points that all have the same LID and component 0. */
    public static Points single(int dim, float[] x, int lid) {
        int n = x.length / dim;
        int[] l = new int[n];
        Arrays.fill(l, lid);
        return new Points(dim, x, l, new int[n]);
    }

    public int n() {
        return lid.length;
    }
}
