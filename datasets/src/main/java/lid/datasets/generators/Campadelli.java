package lid.datasets.generators;

import java.util.List;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * The Campadelli et al. manifolds of skdim's BenchmarkManifolds (benchmarks.md 4.2): the
 * nonlinear "N" manifold (Mn1, Mn2, score-matching-lid "nonlinear"), the beta manifold (Mbeta)
 * and the Burr paraboloid (Mp1-3).
 */
public final class Campadelli {
    private Campadelli() {}

    public static List<GeneratorInfo> entries() {
        return List.of(
                new GeneratorInfo("campadelli_n",
                        "X ~ U[0,1]^d, t1_i = tan(X_i cos X_(d-1-i)), t2_i = arctan(X_(d-1-i) sin X_i), x = [t1, t2, t1, t2] in R^(4d)",
                        "d", List.of(Spheres.D_SMALL.withDefault("4")), Campadelli::sampleN),
                new GeneratorInfo("campadelli_beta",
                        "X ~ Beta(alpha, beta)^d, t1_i = X_i sin(cos 2 pi X_i), t2_i = X_i cos(sin 2 pi X_i), x = [t1, t2, t1, t2] in R^(4d)",
                        "d", betaParams("4"), Campadelli::sampleBeta),
                new GeneratorInfo("paraboloid",
                        "E ~ Exp(1)^(d+1), Y_i = 1/(1 + E_i/E_0) (i = 1..d), Y_(d+1) = sum Y_i^2, x = [Y, sin Y, Y^2] in R^(3(d+1))",
                        "d", List.of(Spheres.D_SMALL.withDefault("3")), Campadelli::sampleParaboloid));
    }

    static List<ParamInfo> betaParams(String d) {
        return List.of(Spheres.D_SMALL.withDefault(d),
                ParamInfo.of("alpha", "10", "first Beta shape (a multiple of 0.5)"),
                ParamInfo.of("beta", "0.5", "second Beta shape (a multiple of 0.5)"));
    }

    static Points sampleN(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        float[] u = rng.uniform(n * d);
        int m = 4 * d;
        float[] x = new float[n * m];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                double a = u[o + k];
                double b = u[o + d - 1 - k];
                float t1 = (float) Math.tan(a * Math.cos(b));
                float t2 = (float) Math.atan(b * Math.sin(a));
                x[i * m + k] = t1;
                x[i * m + d + k] = t2;
                x[i * m + 2 * d + k] = t1;
                x[i * m + 3 * d + k] = t2;
            }
        }
        return Points.single(m, x, d);
    }

    static Points sampleBeta(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        int twiceA = halfInteger(p, "alpha");
        int twiceB = halfInteger(p, "beta");
        // Beta(a, b) = G_a / (G_a + G_b) with G_k/2 = chi^2_k / 2: sums of squared normals, exact
        int per = twiceA + twiceB;
        float[] z = rng.normal(n * d * per);
        int m = 4 * d;
        float[] x = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                int o = (i * d + k) * per;
                double ga = 0;
                double gb = 0;
                for (int j = 0; j < twiceA; j++) {
                    ga += (double) z[o + j] * z[o + j];
                }
                for (int j = 0; j < twiceB; j++) {
                    gb += (double) z[o + twiceA + j] * z[o + twiceA + j];
                }
                double v = ga + gb > 0 ? ga / (ga + gb) : 0.5;
                float t1 = (float) (v * Math.sin(Math.cos(2 * Math.PI * v)));
                float t2 = (float) (v * Math.cos(Math.sin(2 * Math.PI * v)));
                x[i * m + k] = t1;
                x[i * m + d + k] = t2;
                x[i * m + 2 * d + k] = t1;
                x[i * m + 3 * d + k] = t2;
            }
        }
        return Points.single(m, x, d);
    }

    private static int halfInteger(Params p, String key) {
        double v = p.positive(key);
        double twice = 2 * v;
        if (twice != Math.rint(twice) || twice > 1000) {
            throw p.error(key + "=" + p.raw(key) + " must be a multiple of 0.5 (at most 500): Beta draws are exact chi-square ratios");
        }
        return (int) twice;
    }

    static Points sampleParaboloid(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        float[] u = rng.uniform(n * (d + 1));
        int m = 3 * (d + 1);
        float[] x = new float[n * m];
        double[] y = new double[d + 1];
        for (int i = 0; i < n; i++) {
            int o = i * (d + 1);
            double e0 = -Math.log(Rng.open(u[o]));
            double sq = 0;
            for (int k = 0; k < d; k++) {
                double e = -Math.log(Rng.open(u[o + 1 + k]));
                y[k] = 1 / (1 + e / e0);
                sq += y[k] * y[k];
            }
            y[d] = sq;
            for (int k = 0; k <= d; k++) {
                x[i * m + k] = (float) y[k];
                x[i * m + d + 1 + k] = (float) Math.sin(y[k]);
                x[i * m + 2 * (d + 1) + k] = (float) (y[k] * y[k]);
            }
        }
        return Points.single(m, x, d);
    }
}
