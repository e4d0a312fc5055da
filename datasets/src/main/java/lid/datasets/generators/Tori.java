package lid.datasets.generators;

import java.util.List;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/** Flat tori: products of circles, and the score-matching-lid Clifford torus with its column permutation. */
public final class Tori {
    private Tori() {}

    public static List<GeneratorInfo> entries() {
        return List.of(
                new GeneratorInfo("flat_torus",
                        "flat torus T^d = product of d circles of the given radius: angles theta_i ~ U[0, 2 pi), "
                                + "coordinates (r cos theta_i, r sin theta_i) at (2i, 2i+1), in R^(2d)",
                        "d", List.of(Spheres.D_SMALL, Spheres.RADIUS), Tori::sampleFlat),
                new GeneratorInfo("clifford",
                        "Clifford torus of score-matching-lid: d angles -> (cos, sin) pairs at (2i, 2i+1), zero-padded to D, "
                                + "then all D columns permuted by one random permutation",
                        "d", cliffordParams("2", null), Tori::sampleClifford));
    }

    static List<ParamInfo> cliffordParams(String d, String dim) {
        return List.of(
                Spheres.D_SMALL.withDefault(d),
                ParamInfo.of("D", dim, "ambient dimension, D >= 2d (default 2d)"),
                ParamInfo.of("permute", "true", "permute the D columns at random (false: pairs stay at (2i, 2i+1))"));
    }

    static Points sampleFlat(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        double r = p.positive("radius");
        return Points.single(2 * d, circles(n, d, r, rng), d);
    }

    /** The column permutation is part of the manifold (instance); the angles are the sample. */
    static Points sampleClifford(Params p, int n, Rng instance, Rng rng) {
        int d = p.integer("d", 1);
        int dim = p.has("D") ? p.integer("D", 1) : 2 * d;
        if (dim < 2 * d) {
            throw p.error("D=" + dim + " is smaller than 2d=" + 2 * d + " (each angle takes two coordinates)");
        }
        float[] c = circles(n, d, 1, rng);
        int[] perm = p.bool("permute") ? instance.permutation(dim) : identity(dim);
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            // column j of the padded matrix moves to column perm[j]
            for (int j = 0; j < 2 * d; j++) {
                x[i * dim + perm[j]] = c[i * 2 * d + j];
            }
        }
        return Points.single(dim, x, d);
    }

    /** [n, 2d]: (r cos theta_i, r sin theta_i) pairs for theta_i ~ U[0, 2 pi). */
    static float[] circles(int n, int d, double r, Rng rng) {
        float[] u = rng.uniform(n * d);
        float[] x = new float[n * 2 * d];
        for (int i = 0; i < n * d; i++) {
            double theta = 2 * Math.PI * u[i];
            x[2 * i] = (float) (r * Math.cos(theta));
            x[2 * i + 1] = (float) (r * Math.sin(theta));
        }
        return x;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
