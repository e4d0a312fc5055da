package lid.datasets.generators;

import java.util.ArrayList;
import java.util.List;
import lid.datasets.ImageShape;
import lid.datasets.LowRankMixture;

/**
 * A union A+B+... of generators (a mixed-LID dataset): part i gets a share of the n points
 * proportional to its weight option, the parts are concatenated in order, parts of a smaller
 * dimension are zero-padded to the largest, and component ids are offset so that each part's
 * components stay distinct. Every part keeps its own options (embedding, noise, ...).
 */
final class Union {
    private Union() {}

    /** Counts per part, floor(n w_i / sum w) plus the remainder by largest fraction; each >= 1. */
    static int[] split(int n, double[] weights, String spec) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("union '" + spec + "': the weights of its parts are all 0");
        }
        int[] counts = LowRankGaussians.balancedAssignmentCounts(n, normalised(weights, sum));
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new IllegalArgumentException("union '" + spec + "': part " + (i + 1) + " gets no points with n=" + n
                        + "; use a larger n or a larger weight for it");
            }
        }
        return counts;
    }

    private static double[] normalised(double[] w, double sum) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / sum;
        }
        return out;
    }

    static Points concat(List<Points> parts) {
        int dim = 0;
        int n = 0;
        for (Points p : parts) {
            dim = Math.max(dim, p.dim());
            n += p.n();
        }
        float[] x = new float[n * dim];
        int[] lid = new int[n];
        int[] comp = new int[n];
        int row = 0;
        int offset = 0;
        boolean allMixtures = true;
        ImageShape image = parts.get(0).image();
        for (Points p : parts) {
            int components = 0;
            for (int i = 0; i < p.n(); i++) {
                System.arraycopy(p.x(), i * p.dim(), x, (row + i) * dim, p.dim());
                lid[row + i] = p.lid()[i];
                comp[row + i] = p.component()[i] + offset;
                components = Math.max(components, p.component()[i] + 1);
            }
            if (p.mixture() != null) {
                components = Math.max(components, p.mixture().components().size());
            }
            row += p.n();
            offset += components;
            allMixtures &= p.mixture() != null;
            if (image != null && !image.equals(p.image())) {
                image = null;
            }
        }
        if (image != null && image.size() != dim) {
            image = null;
        }
        return new Points(dim, x, lid, comp, allMixtures ? mixture(parts, dim, n) : null, image);
    }

    /** The union's mixture: each part's components, weights scaled by the part's share, padded to dim. */
    private static LowRankMixture mixture(List<Points> parts, int dim, int n) {
        List<LowRankMixture.Component> cs = new ArrayList<>();
        for (Points p : parts) {
            double share = (double) p.n() / n;
            for (LowRankMixture.Component c : p.mixture().components()) {
                int r = c.rank();
                double[] mean = new double[dim];
                double[] basis = new double[dim * r];
                double[] noise = new double[dim];
                System.arraycopy(c.mean(), 0, mean, 0, p.dim());
                System.arraycopy(c.basis(), 0, basis, 0, p.dim() * r);
                System.arraycopy(c.noiseStd(), 0, noise, 0, p.dim());
                cs.add(new LowRankMixture.Component(c.weight() * share, r, mean, basis, c.scales(), noise));
            }
        }
        return new LowRankMixture(dim, cs);
    }
}
