package lid.datasets.generators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * The 24 manifolds of skdim's BenchmarkManifolds (Hein & Audibert 2005, Campadelli et al. 2015;
 * benchmarks.md 4.2), under their skdim names with the table's d and D as defaults. The noise
 * type defaults to skdim's 'uniform' ((U - 0.5) * noise per coordinate).
 */
public final class SkdimBenchmark {
    private SkdimBenchmark() {}

    private static final double TWO_PI = 2 * Math.PI;
    /** M2_Affine_3to5: x = A p + b. */
    private static final double[][] AFFINE_A = {
        {1.2, -0.5, 0}, {0.5, 0.9, 0}, {-0.5, -0.2, 1}, {0.4, -0.9, -0.1}, {1.1, -0.3, 0}};
    private static final double[] AFFINE_B = {3, -1, 0, 0, 8};

    /** The 24 names in skdim's table order. */
    public static final List<String> NAMES = List.of(
            "M1_Sphere", "M2_Affine_3to5", "M3_Nonlinear_4to6", "M4_Nonlinear", "M5a_Helix1d", "M5b_Helix2d",
            "M6_Nonlinear", "M7_Roll", "M8_Nonlinear", "M9_Affine", "M10a_Cubic", "M10b_Cubic", "M10c_Cubic",
            "M10d_Cubic", "M11_Moebius", "M12_Norm", "M13a_Scurve", "M13b_Spiral", "Mbeta", "Mn1_Nonlinear",
            "Mn2_Nonlinear", "Mp1_Paraboloid", "Mp2_Paraboloid", "Mp3_Paraboloid");

    public static List<GeneratorInfo> entries() {
        List<GeneratorInfo> out = new ArrayList<>();
        out.add(entry("M1_Sphere", "10-sphere: N(0, I_(d+1)) normalised, zero-padded to D=11", "d",
                List.of(d("10")), Map.of("D", "11"), Spheres::sampleSphereUnit));
        out.add(entry("M2_Affine_3to5", "p = 4 U^3, x = A p + b in R^5 (fixed A, b)", "3", List.of(), Map.of(),
                SkdimBenchmark::affine3to5));
        out.add(entry("M3_Nonlinear_4to6", "p ~ U^4 mapped to R^6 by Hein's polynomial/trigonometric map", "4",
                List.of(), Map.of(), SkdimBenchmark::nonlinear4to6));
        out.add(nonlinear("M4_Nonlinear", "4", "8"));
        out.add(entry("M5a_Helix1d", "t = 2 pi/n + 2 pi U: ((2 + cos 8t) cos t, (2 + cos 8t) sin t, sin 8t)", "1",
                List.of(), Map.of(), SkdimBenchmark::helix1d));
        out.add(entry("M5b_Helix2d", "r = 10 pi U, p = 10 pi U: (r cos p, r sin p, p/2)", "2", List.of(), Map.of(),
                SkdimBenchmark::helix2d));
        out.add(nonlinear("M6_Nonlinear", "6", "36"));
        out.add(entry("M7_Roll", "t = 1.5 pi (1 + 2U), p = 21 U: (t cos t, p, t sin t)", "2", List.of(), Map.of(),
                SkdimBenchmark::roll));
        out.add(nonlinear("M8_Nonlinear", "12", "72"));
        out.add(entry("M9_Affine", "p = 5U - 2.5 in [-2.5, 2.5]^d, zero-padded to D", "d", List.of(d("20")),
                Map.of("D", "20"), SkdimBenchmark::affineCube));
        out.add(cubic("M10a_Cubic", "10"));
        out.add(cubic("M10b_Cubic", "17"));
        out.add(cubic("M10c_Cubic", "24"));
        out.add(cubic("M10d_Cubic", "70"));
        out.add(entry("M11_Moebius", "phi = 2 pi U, s = 2U - 1: ((1 + s/2 cos 5phi) cos phi, (1 + s/2 cos 5phi) sin phi, s/2 sin 5phi)",
                "2", List.of(), Map.of(), SkdimBenchmark::moebius));
        out.add(entry("M12_Norm", "N(0, I_d), zero-padded to D", "d", List.of(d("20")), Map.of(), SkdimBenchmark::norm));
        out.add(entry("M13a_Scurve", "t = 3 pi (U - 0.5), p = 2U: (sin t, p, sign(t)(cos t - 1))", "2", List.of(), Map.of(),
                SkdimBenchmark::scurve));
        out.add(entry("M13b_Spiral", "t = 10 pi U: (100 cos t, 100 sin t, t), zero-padded to D=13", "1", List.of(),
                Map.of("D", "13"), SkdimBenchmark::spiral));
        out.add(entry("Mbeta", "campadelli_beta with d=10, alpha=10, beta=0.5 (R^40)", "d", Campadelli.betaParams("10"),
                Map.of(), Campadelli::sampleBeta));
        out.add(entry("Mn1_Nonlinear", "campadelli_n with d=18 (R^72)", "d", List.of(d("18")), Map.of(), Campadelli::sampleN));
        out.add(entry("Mn2_Nonlinear", "campadelli_n with d=24 (R^96)", "d", List.of(d("24")), Map.of(), Campadelli::sampleN));
        out.add(entry("Mp1_Paraboloid", "paraboloid with d=3 (R^12)", "d", List.of(d("3")), Map.of(), Campadelli::sampleParaboloid));
        out.add(entry("Mp2_Paraboloid", "paraboloid with d=6 (R^21)", "d", List.of(d("6")), Map.of(), Campadelli::sampleParaboloid));
        out.add(entry("Mp3_Paraboloid", "paraboloid with d=9 (R^30)", "d", List.of(d("9")), Map.of(), Campadelli::sampleParaboloid));
        return out;
    }

    private static ParamInfo d(String def) {
        return Spheres.D_SMALL.withDefault(def);
    }

    private static GeneratorInfo entry(String name, String summary, String lid, List<ParamInfo> params,
                                       Map<String, String> commonDefaults, GeneratorInfo.SampleOnly sampler) {
        var defaults = new HashMap<>(commonDefaults);
        defaults.put(CommonOptions.NOISE_TYPE, "uniform");
        return new GeneratorInfo(name, "skdim " + name + ": " + summary, lid, params, defaults, sampler);
    }

    private static GeneratorInfo nonlinear(String name, String d, String dim) {
        return entry(name, "p ~ U^d; coords (p_(i+1 mod d) cos 2 pi p_i, p_(i+1 mod d) sin 2 pi p_i), the 2d-vector repeated D/(2d) times",
                "d", List.of(d(d), ParamInfo.of("D", dim, "ambient dimension, a multiple of 2d")), Map.of(),
                SkdimBenchmark::nonlinear);
    }

    private static GeneratorInfo cubic(String name, String d) {
        return entry(name, "surface of the unit (d+1)-cube: faces x_i = 0 then x_i = 1 for i = 0..d, "
                        + "int(n/(2(d+1)) + 1) uniform points each, the first n kept",
                "d", List.of(d(d)), Map.of(), SkdimBenchmark::cubic);
    }

    static Points affine3to5(Params p, int n, Rng rng) {
        float[] u = rng.uniform(n * 3);
        float[] x = new float[n * 5];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 5; r++) {
                double s = AFFINE_B[r];
                for (int k = 0; k < 3; k++) {
                    s += AFFINE_A[r][k] * 4 * u[i * 3 + k];
                }
                x[i * 5 + r] = (float) s;
            }
        }
        return Points.single(5, x, 3);
    }

    static Points nonlinear4to6(Params p, int n, Rng rng) {
        float[] u = rng.uniform(n * 4);
        float[] x = new float[n * 6];
        for (int i = 0; i < n; i++) {
            double p0 = u[i * 4];
            double p1 = u[i * 4 + 1];
            double p2 = u[i * 4 + 2];
            double p3 = u[i * 4 + 3];
            double[] v = {
                p1 * p1 * Math.cos(TWO_PI * p0),
                p2 * p2 * Math.sin(TWO_PI * p0),
                p1 + p2 + (p1 - p3) * (p1 - p3),
                p1 - 2 * p2 + (p0 - p3) * (p0 - p3),
                -p1 - 2 * p2 + (p2 - p3) * (p2 - p3),
                p0 * p0 - p1 * p1 + p2 * p2 - p3 * p3};
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = (float) v[j];
            }
        }
        return Points.single(6, x, 4);
    }

    static Points nonlinear(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        int dim = p.integer("D", 1);
        if (dim % (2 * d) != 0) {
            throw p.error("D=" + dim + " must be a multiple of 2d=" + 2 * d + " (the 2d coordinates are repeated D/(2d) times)");
        }
        float[] u = rng.uniform(n * d);
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double pk = u[i * d + k];
                double next = u[i * d + (k + 1) % d];
                float c = (float) (next * Math.cos(TWO_PI * pk));
                float s = (float) (next * Math.sin(TWO_PI * pk));
                for (int rep = 0; rep < dim / (2 * d); rep++) {
                    x[i * dim + rep * 2 * d + 2 * k] = c;
                    x[i * dim + rep * 2 * d + 2 * k + 1] = s;
                }
            }
        }
        return Points.single(dim, x, d);
    }

    static Points helix1d(Params p, int n, Rng rng) {
        float[] u = rng.uniform(n);
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double t = TWO_PI / n + TWO_PI * u[i];
            x[i * 3] = (float) ((2 + Math.cos(8 * t)) * Math.cos(t));
            x[i * 3 + 1] = (float) ((2 + Math.cos(8 * t)) * Math.sin(t));
            x[i * 3 + 2] = (float) Math.sin(8 * t);
        }
        return Points.single(3, x, 1);
    }

    static Points helix2d(Params p, int n, Rng rng) {
        float[] r = rng.uniform(n);
        float[] q = rng.uniform(n);
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double rr = 10 * Math.PI * r[i];
            double pp = 10 * Math.PI * q[i];
            x[i * 3] = (float) (rr * Math.cos(pp));
            x[i * 3 + 1] = (float) (rr * Math.sin(pp));
            x[i * 3 + 2] = (float) (0.5 * pp);
        }
        return Points.single(3, x, 2);
    }

    static Points roll(Params p, int n, Rng rng) {
        float[] a = rng.uniform(n);
        float[] b = rng.uniform(n);
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double t = 1.5 * Math.PI * (1 + 2 * (double) a[i]);
            x[i * 3] = (float) (t * Math.cos(t));
            x[i * 3 + 1] = (float) (21.0 * b[i]);
            x[i * 3 + 2] = (float) (t * Math.sin(t));
        }
        return Points.single(3, x, 2);
    }

    static Points affineCube(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        float[] u = rng.uniform(n * d);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (5.0 * u[i] - 2.5);
        }
        return Points.single(d, x, d);
    }

    static Points cubic(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        int m = d + 1;
        int perFace = n / (2 * m) + 1;
        float[] x = rng.uniform(n * m);
        for (int i = 0; i < n; i++) {
            int face = i / perFace;
            x[i * m + face / 2] = face % 2;
        }
        return Points.single(m, x, d);
    }

    static Points moebius(Params p, int n, Rng rng) {
        float[] a = rng.uniform(n);
        float[] b = rng.uniform(n);
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double phi = TWO_PI * a[i];
            double s = 2.0 * b[i] - 1;
            double w = 1 + 0.5 * s * Math.cos(5 * phi);
            x[i * 3] = (float) (w * Math.cos(phi));
            x[i * 3 + 1] = (float) (w * Math.sin(phi));
            x[i * 3 + 2] = (float) (0.5 * s * Math.sin(5 * phi));
        }
        return Points.single(3, x, 2);
    }

    static Points norm(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        return Points.single(d, rng.normal(n * d), d);
    }

    static Points scurve(Params p, int n, Rng rng) {
        float[] a = rng.uniform(n);
        float[] b = rng.uniform(n);
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double t = 3 * Math.PI * (a[i] - 0.5);
            x[i * 3] = (float) Math.sin(t);
            x[i * 3 + 1] = (float) (2.0 * b[i]);
            x[i * 3 + 2] = (float) (Math.signum(t) * (Math.cos(t) - 1));
        }
        return Points.single(3, x, 2);
    }

    static Points spiral(Params p, int n, Rng rng) {
        float[] u = rng.uniform(n);
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double t = 10 * Math.PI * u[i];
            x[i * 3] = (float) (100 * Math.cos(t));
            x[i * 3 + 1] = (float) (100 * Math.sin(t));
            x[i * 3 + 2] = (float) t;
        }
        return Points.single(3, x, 1);
    }
}
