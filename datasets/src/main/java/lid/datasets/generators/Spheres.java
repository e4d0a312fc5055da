package lid.datasets.generators;

import java.util.List;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/** skdim's hyperSphere and hyperBall (benchmarks.md 4.1). */
public final class Spheres {
    private Spheres() {}

    static final ParamInfo D_SMALL = ParamInfo.of("d", "2", "intrinsic dimension");
    static final ParamInfo RADIUS = ParamInfo.of("radius", "1", "radius");

    public static List<GeneratorInfo> entries() {
        return List.of(
                new GeneratorInfo("sphere", "the d-sphere S^d in R^(d+1): rows of N(0, I_(d+1)) normalised (skdim hyperSphere)",
                        "d", List.of(D_SMALL, RADIUS), Spheres::sampleSphere),
                new GeneratorInfo("ball", "uniform in the d-ball: z ~ N(0, I_d), x = z radius P(d/2, |z|^2/2)^(1/d) / |z| (skdim hyperBall)",
                        "d", List.of(D_SMALL, RADIUS), Spheres::sampleBall));
    }

    static Points sampleSphere(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        return Points.single(d + 1, sphere(n, d, p.positive("radius"), rng), d);
    }

    /** The unit sphere (skdim M1_Sphere has no radius parameter). */
    static Points sampleSphereUnit(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        return Points.single(d + 1, sphere(n, d, 1, rng), d);
    }

    static Points sampleBall(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        return Points.single(d, ball(n, d, p.positive("radius"), rng), d);
    }

    /** n points of the d-sphere of the given radius in R^(d+1), [n, d+1]. */
    public static float[] sphere(int n, int d, double radius, Rng rng) {
        int m = d + 1;
        float[] z = rng.normal(n * m);
        float[] x = new float[n * m];
        for (int i = 0; i < n; i++) {
            double norm = norm(z, i * m, m);
            for (int j = 0; j < m; j++) {
                // a zero Gaussian vector cannot be normalised; Box-Muller never gives all zeros
                x[i * m + j] = (float) (radius * z[i * m + j] / norm);
            }
        }
        return x;
    }

    /** n points uniform in the d-ball of the given radius, [n, d], by skdim's radial map. */
    public static float[] ball(int n, int d, double radius, Rng rng) {
        float[] z = rng.normal(n * d);
        float[] x = new float[n * d];
        double[] zi = new double[d];
        double[] xi = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                zi[j] = z[i * d + j];
            }
            ballTransform(zi, radius, xi);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) xi[j];
            }
        }
        return x;
    }

    /**
     * skdim hyperBall's map of a standard normal z in R^d to the ball: x = z radius
     * P(d/2, |z|^2/2)^(1/d) / |z| (P(d/2, |z|^2/2) is uniform, so |x|^d is uniform).
     */
    public static void ballTransform(double[] z, double radius, double[] x) {
        int d = z.length;
        double sq = 0;
        for (double v : z) {
            sq += v * v;
        }
        double norm = Math.sqrt(sq);
        double r = norm == 0 ? 0 : radius * Math.pow(SpecialFunctions.regularizedGammaP(d / 2.0, sq / 2), 1.0 / d) / norm;
        for (int j = 0; j < d; j++) {
            x[j] = z[j] * r;
        }
    }

    static double norm(float[] v, int off, int len) {
        double s = 0;
        for (int j = 0; j < len; j++) {
            s += (double) v[off + j] * v[off + j];
        }
        return Math.sqrt(s);
    }
}
