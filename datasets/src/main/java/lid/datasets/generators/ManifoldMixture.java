package lid.datasets.generators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lid.datasets.LowRankMixture;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * FLIPD's synthetic benchmark (dgm_geometry ManifoldMixture; benchmarks.md 2.1): components of
 * dimensions d_i in R^D, each x = (f_i(W_i z) - mean_i) / std_i + mode_i with a latent z (uniform
 * on [-1,1]^d, Gaussian or Laplace), an embedding W_i (random-rotation = U V^T of the SVD of a
 * Gaussian [D, d_i] matrix), an optional diffeomorphism f_i (none for affine, the sinusoidal
 * "squiggly" map, or an untrained RQ-NSF), calibration of mean_i and std_i (std < 1 set to 1) on
 * 128 latent samples, and modes 10 apart (rows of (I - 1/2)/sqrt 2 times the distance; on a
 * circle found by the reference's bisection when there are more components than D). The
 * benchmark's per-coordinate standardisation is on by default (the large reference configs turn
 * it off: standardize=false).
 *
 * <p>The modes, embeddings, flows and calibration are the manifold (drawn from the SPEC's
 * instance); component labels and latents are the sample (drawn from the seed).
 *
 * <p>Deviations, all in the random draws, not the construction: our own Philox streams instead of
 * torch's seeds 123/124/42; a component is drawn independently for every point (the reference
 * re-seeds every chunk of 128, so its assignment pattern repeats every 128 points).
 */
public final class ManifoldMixture {
    private ManifoldMixture() {}

    enum Kind { AFFINE, SQUIGGLY, RQNSF }

    private static final List<ParamInfo> BASE = List.of(
            ParamInfo.of("D", "10", "ambient dimension"),
            ParamInfo.of("dims", "2-4-8", "intrinsic dimension of each component, dash-separated"),
            ParamInfo.of("latent", "uniform", "latent distribution: uniform on [-1,1]^d, gaussian N(0, I) or laplace Laplace(0, 1)"),
            ParamInfo.of("weights", null, "mixture weights, dash-separated (default uniform)"),
            ParamInfo.of("distance", "10", "distance between modes"),
            ParamInfo.of("projection", "random-rotation",
                    "embedding R^d -> R^D: random-rotation (U V^T of the SVD of a Gaussian matrix), random (the Gaussian matrix), "
                            + "zero-pad or repeat (columns tiled)"),
            ParamInfo.of("calibration", "128", "number of latent samples for each component's mean/std calibration"));

    public static List<GeneratorInfo> entries() {
        Map<String, String> standardize = Map.of(CommonOptions.STANDARDIZE, "true");
        List<ParamInfo> squiggly = new ArrayList<>(BASE);
        squiggly.add(ParamInfo.of("freq", "1", "frequency omega of the sinusoid (the benchmark uses 0.5, 1, 5, 10)"));
        squiggly.add(ParamInfo.of("transforms", "5", "number of sinusoid + flip + rotation steps"));
        squiggly.add(ParamInfo.of("kappa", "1e-4", "derivative floor kappa in (0, 1]"));
        List<ParamInfo> rqnsf = new ArrayList<>(BASE);
        rqnsf.add(ParamInfo.of("transforms", "5", "number of coupling layers"));
        rqnsf.add(ParamInfo.of("hidden", "32", "ResidualNet width"));
        rqnsf.add(ParamInfo.of("blocks", "32", "ResidualNet residual blocks"));
        rqnsf.add(ParamInfo.of("bins", "32", "spline bins"));
        rqnsf.add(ParamInfo.of("tail_bound", "10", "spline interval [-B, B]; identity outside"));
        return List.of(
                new GeneratorInfo("affine", "FLIPD affine manifold mixture: flat components, random rotations, modes 10 apart, "
                        + "calibrated and standardised (latent=gaussian also exposes the exact Gaussian mixture)",
                        "d_i of the point's component", BASE, standardize, (p, n, inst, r) -> sample(p, n, inst, r, Kind.AFFINE)),
                new GeneratorInfo("squiggly", "FLIPD squiggly manifold mixture: affine components warped by the sinusoidal "
                        + "diffeomorphism (frequency freq, 5 steps, kappa 1e-4)",
                        "d_i of the point's component", squiggly, standardize, (p, n, inst, r) -> sample(p, n, inst, r, Kind.SQUIGGLY)),
                new GeneratorInfo("rqnsf", "FLIPD RQ-NSF manifold mixture: affine components warped by an untrained random "
                        + "rational-quadratic spline flow (5 couplings, ResidualNet 32 wide, 32 blocks, 32 bins, tails 10); "
                        + "NOT bit-identical to the reference (different random weights)",
                        "d_i of the point's component", rqnsf, standardize, (p, n, inst, r) -> sample(p, n, inst, r, Kind.RQNSF)));
    }

    /** The fixed part of a mixture (everything but the per-point draws). */
    static final class Model {
        final int dim;
        final int[] dims;
        final double[] weights;
        final String latent;
        final double[][] modes;
        final double[][] embed;
        final Diffeomorphism[] diffeo;
        final double[][] calMean;
        final double[][] calStd;

        Model(int dim, int[] dims, double[] weights, String latent, double[][] modes) {
            this.dim = dim;
            this.dims = dims;
            this.weights = weights;
            this.latent = latent;
            this.modes = modes;
            int m = dims.length;
            embed = new double[m][];
            diffeo = new Diffeomorphism[m];
            calMean = new double[m][];
            calStd = new double[m][];
        }

        /** f_k(W_k z) (before calibration), a new array. */
        double[] raw(int k, double[] z) {
            int d = dims[k];
            double[] w = embed[k];
            double[] x = new double[dim];
            for (int a = 0; a < dim; a++) {
                double s = 0;
                for (int b = 0; b < d; b++) {
                    s += w[a * d + b] * z[b];
                }
                x[a] = s;
            }
            if (diffeo[k] != null) {
                diffeo[k].apply(x);
            }
            return x;
        }

        /** The full map of component k: latent z -> point in R^D. */
        double[] map(int k, double[] z) {
            double[] x = raw(k, z);
            for (int a = 0; a < dim; a++) {
                x[a] = (x[a] - calMean[k][a]) / calStd[k][a] + modes[k][a];
            }
            return x;
        }
    }

    /** The model (embeddings, flows, calibration) from the instance; labels and latents from the sample. */
    static Points sample(Params p, int n, Rng instance, Rng rng, Kind kind) {
        Model model = build(p, instance, kind);
        int[] comp = Mixtures.assign(n, model.weights, rng);
        int dmax = 0;
        for (int d : model.dims) {
            dmax = Math.max(dmax, d);
        }
        long stream = rng.newStream();
        float[] buf = new float[dmax];
        double[] z = new double[dmax];
        float[] x = new float[n * model.dim];
        int[] lid = new int[n];
        for (int i = 0; i < n; i++) {
            int k = comp[i];
            latent(model.latent, rng, stream, (long) i * dmax, buf, model.dims[k], z);
            double[] v = model.map(k, Arrays.copyOf(z, model.dims[k]));
            for (int a = 0; a < model.dim; a++) {
                x[i * model.dim + a] = (float) v[a];
            }
            lid[i] = model.dims[k];
        }
        LowRankMixture mixture = kind == Kind.AFFINE && model.latent.equals("gaussian") ? gaussianMixture(model) : null;
        return new Points(model.dim, x, lid, comp, mixture, null);
    }

    /** Builds modes, embeddings, diffeomorphisms and calibration (random draws in this order). */
    static Model build(Params p, Rng rng, Kind kind) {
        int dim = p.integer("D", 1);
        int[] dims = p.intList("dims", 1);
        for (int d : dims) {
            if (d > dim) {
                throw p.error("component dimension " + d + " is larger than D=" + dim);
            }
        }
        String latent = p.choice("latent", "uniform", "gaussian", "normal", "laplace");
        if (latent.equals("normal")) {
            latent = "gaussian";
        }
        double[] weights = LowRankGaussians.weights(p, dims.length);
        double distance = p.positive("distance");
        String projection = p.choice("projection", "random-rotation", "random", "zero-pad", "repeat");
        int calibration = p.integer("calibration", 2);
        Model model = new Model(dim, dims, weights, latent, modes(dims.length, dim, distance, p));
        for (int k = 0; k < dims.length; k++) {
            int d = dims[k];
            model.embed[k] = embedding(projection, dim, d, rng);
            model.diffeo[k] = switch (kind) {
                case AFFINE -> null;
                case SQUIGGLY -> new SinusoidalFlow(dim, p.integer("transforms", 0), p.positive("freq"), p.real("kappa"), rng);
                case RQNSF -> {
                    if (dim < 2) {
                        throw p.error("coupling flows need D >= 2, got D=" + dim);
                    }
                    yield new RqSplineFlow(dim, p.integer("transforms", 0), p.integer("hidden", 1), p.integer("blocks", 0),
                            p.integer("bins", 2), p.positive("tail_bound"), rng);
                }
            };
            calibrate(model, k, calibration, rng);
        }
        return model;
    }

    private static double[] embedding(String projection, int dim, int d, Rng rng) {
        return switch (projection) {
            case "random-rotation" -> Linalg.polar(Linalg.gaussian(dim, d, rng), dim, d);
            case "random" -> Linalg.gaussian(dim, d, rng);
            case "zero-pad" -> {
                double[] w = new double[dim * d];
                for (int j = 0; j < d; j++) {
                    w[j * d + j] = 1;
                }
                yield w;
            }
            default -> { // repeat: coordinate a copies latent a mod d
                double[] w = new double[dim * d];
                for (int a = 0; a < dim; a++) {
                    w[a * d + a % d] = 1;
                }
                yield w;
            }
        };
    }

    /** Per-coordinate mean and unbiased std of f(W z) over calibration latents; std < 1 becomes 1. */
    private static void calibrate(Model model, int k, int count, Rng rng) {
        int d = model.dims[k];
        long stream = rng.newStream();
        float[] buf = new float[d];
        double[] z = new double[d];
        float[] xs = new float[count * model.dim];
        for (int i = 0; i < count; i++) {
            latent(model.latent, rng, stream, (long) i * d, buf, d, z);
            double[] v = model.raw(k, z);
            for (int a = 0; a < model.dim; a++) {
                xs[i * model.dim + a] = (float) v[a];
            }
        }
        double[] mean = new double[model.dim];
        double[] std = new double[model.dim];
        PostProcessing.columnMoments(xs, count, model.dim, mean, std);
        for (int a = 0; a < model.dim; a++) {
            if (std[a] < 1) {
                std[a] = 1;
            }
        }
        model.calMean[k] = mean;
        model.calStd[k] = std;
    }

    /** Latent entries offset .. offset+d-1 of the stream, transformed to the latent distribution. */
    static void latent(String type, Rng rng, long stream, long offset, float[] buf, int d, double[] z) {
        if (type.equals("gaussian")) {
            rng.normal(stream, offset, buf, 0, d);
            for (int j = 0; j < d; j++) {
                z[j] = buf[j];
            }
            return;
        }
        rng.uniform(stream, offset, buf, 0, d);
        for (int j = 0; j < d; j++) {
            if (type.equals("uniform")) {
                z[j] = 2.0 * buf[j] - 1;
            } else { // Laplace(0, 1) by the inverse CDF
                double u = Rng.open(buf[j]);
                z[j] = u < 0.5 ? Math.log(2 * u) : -Math.log(2 * (1 - u));
            }
        }
    }

    /** Modes: rows of (I - 1/2)/sqrt 2 times the distance, or points on a circle when m > D. */
    static double[][] modes(int m, int dim, double distance, Params p) {
        double[][] modes = new double[m][dim];
        if (m <= dim) {
            for (int k = 0; k < m; k++) {
                for (int a = 0; a < dim; a++) {
                    modes[k][a] = distance * ((a == k ? 1 : 0) - 0.5) / Math.sqrt(2);
                }
            }
            return modes;
        }
        if (dim < 2) {
            throw p.error(m + " components need D >= 2 (their modes lie on a circle)");
        }
        // the reference's bisection, kept as written (it measures from (1, 0), not from mode 0)
        double theta1 = 2 * Math.PI / m;
        double lo = distance / 2;
        double hi = m * distance;
        for (int it = 0; it < 100; it++) {
            double r = (lo + hi) / 2;
            double x = Math.cos(theta1) * r;
            double y = Math.sin(theta1) * r;
            if (Math.hypot(x - 1, y) > distance) {
                hi = r;
            } else {
                lo = r;
            }
        }
        for (int k = 0; k < m; k++) {
            double t = 2 * Math.PI * k / m;
            modes[k][0] = hi * Math.cos(t);
            modes[k][1] = hi * Math.sin(t);
        }
        return modes;
    }

    /** The exact Gaussian mixture of an affine model with Gaussian latents: N(mode - m/s, diag(1/s) W W^T diag(1/s)). */
    private static LowRankMixture gaussianMixture(Model model) {
        List<LowRankMixture.Component> cs = new ArrayList<>();
        int dim = model.dim;
        for (int k = 0; k < model.dims.length; k++) {
            int d = model.dims[k];
            double[] factor = new double[dim * d];
            double[] mean = new double[dim];
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b < d; b++) {
                    factor[a * d + b] = model.embed[k][a * d + b] / model.calStd[k][a];
                }
                mean[a] = model.modes[k][a] - model.calMean[k][a] / model.calStd[k][a];
            }
            cs.add(PostProcessing.fromFactor(model.weights[k], mean, factor, dim, d, new double[dim]));
        }
        return new LowRankMixture(dim, cs);
    }
}
