package lid.datasets.generators;

import java.util.ArrayList;
import java.util.List;
import lid.datasets.LowRankMixture;
import lid.datasets.spec.Params;

/**
 * The common options, in this order: embed into R^D (zero-padding or a random isometry), add
 * ambient noise, then standardise (per coordinate) or normalise (one scalar). A Gaussian mixture
 * attached to the points is carried through every step exactly (uniform noise drops it, since
 * the data is then no longer a Gaussian mixture).
 *
 * <p>The isometry is part of the manifold (drawn from the instance), the noise part of the sample.
 * The standardisation constants are part of the manifold too: they never depend on n or the seed
 * ({@link ReferenceMoments}).
 */
public final class PostProcessing {
    private PostProcessing() {}

    private static final int CHUNK = 1 << 16;

    /** Embedding and ambient noise (what comes before the scaling). */
    static Points embedAndNoise(Points p, Params params, boolean ownsD, Rng instance, Rng sample) {
        return noise(embed(p, params, ownsD, instance), params, sample);
    }

    /** Which scaling the options ask for: null (none), "standardize" or "normalize". */
    static String scaling(Params params) {
        boolean standardize = params.bool(CommonOptions.STANDARDIZE);
        boolean normalize = params.bool(CommonOptions.NORMALIZE);
        if (standardize && normalize) {
            throw params.error("standardize=true and normalize=true both given; choose one");
        }
        return standardize ? CommonOptions.STANDARDIZE : normalize ? CommonOptions.NORMALIZE : null;
    }

    private static Points embed(Points p, Params params, boolean ownsD, Rng instance) {
        int nativeDim = p.dim();
        int target = ownsD || !params.has(CommonOptions.D) ? nativeDim : params.integer(CommonOptions.D, 1);
        if (target < nativeDim) {
            throw params.error("D=" + target + " is smaller than the dimension of its points (" + nativeDim
                    + "); use D >= " + nativeDim + " or a smaller intrinsic dimension");
        }
        String how = params.choice(CommonOptions.EMBED, "pad", "rotate");
        int n = p.n();
        if (how.equals("pad")) {
            if (target == nativeDim) {
                return p;
            }
            float[] x = new float[n * target];
            for (int i = 0; i < n; i++) {
                System.arraycopy(p.x(), i * nativeDim, x, i * target, nativeDim);
            }
            double[] pad = new double[target * nativeDim];
            for (int j = 0; j < nativeDim; j++) {
                pad[j * nativeDim + j] = 1;
            }
            return new Points(target, x, p.lid(), p.component(), linear(p.mixture(), pad, target), null);
        }
        // rotate: x -> Q x with Q: [target, native] orthonormal columns (pad, then a Haar rotation)
        double[] q = Linalg.randomOrthonormal(target, nativeDim, instance);
        float[] x = new float[n * target];
        double[] row = new double[nativeDim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < nativeDim; k++) {
                row[k] = p.x()[i * nativeDim + k];
            }
            for (int j = 0; j < target; j++) {
                double s = 0;
                for (int k = 0; k < nativeDim; k++) {
                    s += q[j * nativeDim + k] * row[k];
                }
                x[i * target + j] = (float) s;
            }
        }
        return new Points(target, x, p.lid(), p.component(), linear(p.mixture(), q, target), null);
    }

    private static Points noise(Points p, Params params, Rng rng) {
        double sigma = params.real(CommonOptions.NOISE, 0);
        String type = params.choice(CommonOptions.NOISE_TYPE, "gaussian", "uniform");
        if (sigma == 0) {
            return p;
        }
        boolean gaussian = type.equals("gaussian");
        long stream = rng.newStream();
        float[] x = p.x().clone();
        float[] buf = new float[CHUNK];
        for (int start = 0; start < x.length; start += CHUNK) {
            int len = Math.min(CHUNK, x.length - start);
            if (gaussian) {
                rng.normal(stream, start, buf, 0, len);
                for (int i = 0; i < len; i++) {
                    x[start + i] = (float) (x[start + i] + sigma * buf[i]);
                }
            } else {
                rng.uniform(stream, start, buf, 0, len);
                for (int i = 0; i < len; i++) {
                    x[start + i] = (float) (x[start + i] + sigma * (buf[i] - 0.5));
                }
            }
        }
        LowRankMixture mixture = null;
        if (gaussian && p.mixture() != null) {
            List<LowRankMixture.Component> cs = new ArrayList<>();
            for (LowRankMixture.Component c : p.mixture().components()) {
                double[] noise = new double[p.dim()];
                for (int j = 0; j < noise.length; j++) {
                    noise[j] = Math.hypot(c.noiseStd()[j], sigma);
                }
                cs.add(new LowRankMixture.Component(c.weight(), c.rank(), c.mean(), c.basis(), c.scales(), noise));
            }
            mixture = new LowRankMixture(p.dim(), cs);
        }
        return new Points(p.dim(), x, p.lid(), p.component(), mixture, p.image());
    }

    /**
     * Per-coordinate z-scoring (perCoordinate) or the score-matching-lid normalisation: subtract
     * the column means, divide by the column std (a constant column is only centred) or by
     * (max_j std_j + 1e-5), with the manifold's own moments (never the sample's).
     */
    static Points scale(Points p, ReferenceMoments.Moments moments, boolean perCoordinate) {
        int n = p.n();
        int dim = p.dim();
        double[] mean = moments.mean();
        double[] std = moments.std();
        double[] divisor = new double[dim];
        double max = 0;
        for (double s : std) {
            max = Math.max(max, s);
        }
        for (int j = 0; j < dim; j++) {
            // a column whose std is rounding noise of the others (zero padding) is constant
            boolean constant = !(std[j] > 1e-12 * max);
            divisor[j] = perCoordinate ? (constant ? 1 : std[j]) : max + 1e-5;
        }
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = (float) ((p.x()[i * dim + j] - mean[j]) / divisor[j]);
            }
        }
        return new Points(dim, x, p.lid(), p.component(), diagonal(p.mixture(), mean, divisor),
                perCoordinate ? null : p.image());
    }

    /** Column means and unbiased standard deviations of x: [n, dim] (two passes, in double). */
    public static void columnMoments(float[] x, int n, int dim, double[] mean, double[] std) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                mean[j] += x[i * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double d = x[i * dim + j] - mean[j];
                std[j] += d * d;
            }
        }
        for (int j = 0; j < dim; j++) {
            std[j] = Math.sqrt(std[j] / (n - 1));
        }
    }

    /** The mixture of Q x for Q: [target, dim] (orthonormal columns, or a padding). */
    static LowRankMixture linear(LowRankMixture m, double[] q, int target) {
        if (m == null) {
            return null;
        }
        int dim = m.dim();
        List<LowRankMixture.Component> cs = new ArrayList<>();
        for (LowRankMixture.Component c : m.components()) {
            double[] basis = Linalg.multiply(q, target, dim, c.basis(), c.rank());
            double[] mean = Linalg.multiply(q, target, dim, c.mean(), 1);
            boolean noisy = false;
            for (double s : c.noiseStd()) {
                noisy |= s != 0;
            }
            if (noisy) {
                throw new IllegalStateException("noise is added after the embedding");
            }
            cs.add(new LowRankMixture.Component(c.weight(), c.rank(), mean, basis, c.scales(), new double[target]));
        }
        return new LowRankMixture(target, cs);
    }

    /** The mixture of (x - shift) / divisor per coordinate: re-orthonormalise each basis by an SVD. */
    static LowRankMixture diagonal(LowRankMixture m, double[] shift, double[] divisor) {
        if (m == null) {
            return null;
        }
        int dim = m.dim();
        List<LowRankMixture.Component> cs = new ArrayList<>();
        for (LowRankMixture.Component c : m.components()) {
            int r = c.rank();
            double[] factor = new double[dim * r];
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < r; j++) {
                    factor[i * r + j] = c.basis(i, j) * c.scales()[j] / divisor[i];
                }
            }
            double[] mean = new double[dim];
            double[] noise = new double[dim];
            for (int i = 0; i < dim; i++) {
                mean[i] = (c.mean()[i] - shift[i]) / divisor[i];
                noise[i] = c.noiseStd()[i] / divisor[i];
            }
            cs.add(fromFactor(c.weight(), mean, factor, dim, r, noise));
        }
        return new LowRankMixture(dim, cs);
    }

    /** The component N(mean, F F^T + diag(noise^2)) for a factor F: [dim, r], with an orthonormal basis. */
    static LowRankMixture.Component fromFactor(double weight, double[] mean, double[] factor, int dim, int r, double[] noise) {
        Linalg.Svd svd = Linalg.svd(factor, dim, r);
        return new LowRankMixture.Component(weight, r, mean, svd.u(), svd.s(), noise);
    }
}
