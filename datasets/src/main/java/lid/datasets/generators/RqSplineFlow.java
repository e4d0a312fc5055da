package lid.datasets.generators;

/**
 * An untrained rational-quadratic neural spline flow (Durkan et al. 2019), as FLIPD's RQ-NSF
 * manifold mixtures use it (dgm_geometry RQNSF over nflows; benchmarks.md 2.1): n_transforms
 * PiecewiseRationalQuadraticCouplingTransform layers with alternating masks (even layers
 * transform the even coordinates, conditioned on the odd ones), each conditioner a ResidualNet
 * (ReLU, no batch norm, hidden width h, `blocks` residual blocks) with PyTorch's default Linear
 * initialisation (U(-1/sqrt(in), 1/sqrt(in)) for weights and biases) and nflows' zero-initialised
 * last layer of each block (U(-1e-3, 1e-3)); spline with K bins on [-B, B], linear tails
 * (identity outside), min bin width/height and min derivative 1e-3, unnormalised widths and
 * heights divided by sqrt(h) as nflows does.
 *
 * <p>NOT bit-identical to the reference: the weights come from this project's Philox streams,
 * not torch's generator, so the warp is a different random draw of the same family.
 */
final class RqSplineFlow implements Diffeomorphism {
    private static final double MIN_BIN = 1e-3;
    private static final double MIN_DERIVATIVE = 1e-3;

    private final int dim;
    private final int bins;
    private final double bound;
    private final Coupling[] couplings;

    RqSplineFlow(int dim, int transforms, int hidden, int blocks, int bins, double tailBound, Rng rng) {
        if (dim < 2) {
            throw new IllegalArgumentException("rqnsf: coupling flows need D >= 2, got D=" + dim);
        }
        this.dim = dim;
        this.bins = bins;
        this.bound = tailBound;
        couplings = new Coupling[transforms];
        for (int t = 0; t < transforms; t++) {
            int parity = t % 2 == 0 ? 0 : 1; // transformed coordinates have index % 2 == parity
            int nTr = (dim + (parity == 0 ? 1 : 0)) / 2;
            int[] tr = new int[nTr];
            int[] id = new int[dim - nTr];
            int a = 0;
            int b = 0;
            for (int j = 0; j < dim; j++) {
                if (j % 2 == parity) {
                    tr[a++] = j;
                } else {
                    id[b++] = j;
                }
            }
            couplings[t] = new Coupling(id, tr, new ResidualNet(id.length, hidden, blocks, tr.length * (3 * bins - 1), rng));
        }
    }

    @Override
    public void apply(double[] x) {
        int per = 3 * bins - 1;
        for (Coupling c : couplings) {
            double[] in = new double[c.identity.length];
            for (int j = 0; j < in.length; j++) {
                in[j] = x[c.identity[j]];
            }
            double[] params = c.net.forward(in);
            double invSqrtHidden = 1 / Math.sqrt(c.net.hidden);
            for (int j = 0; j < c.transformed.length; j++) {
                int at = c.transformed[j];
                x[at] = spline(x[at], params, j * per, invSqrtHidden);
            }
        }
    }

    /** nflows unconstrained_rational_quadratic_spline, forward, linear tails. */
    double spline(double v, double[] p, int off, double widthScale) {
        if (v < -bound || v > bound) {
            return v;
        }
        int k = bins;
        double[] cw = knots(p, off, widthScale);
        double[] ch = knots(p, off + k, widthScale);
        double[] deriv = new double[k + 1];
        // boundary derivatives are 1: softplus(c) = 1 - MIN_DERIVATIVE
        deriv[0] = 1;
        deriv[k] = 1;
        for (int i = 1; i < k; i++) {
            deriv[i] = MIN_DERIVATIVE + softplus(p[off + 2 * k + i - 1]);
        }
        int bin = 0;
        while (bin < k - 1 && v >= cw[bin + 1]) {
            bin++;
        }
        double w = cw[bin + 1] - cw[bin];
        double h = ch[bin + 1] - ch[bin];
        double delta = h / w;
        double theta = (v - cw[bin]) / w;
        double t1 = theta * (1 - theta);
        double num = h * (delta * theta * theta + deriv[bin] * t1);
        double den = delta + (deriv[bin] + deriv[bin + 1] - 2 * delta) * t1;
        return ch[bin] + num / den;
    }

    /** The K+1 knot positions on [-B, B] from K unnormalised sizes (softmax with a minimum size). */
    private double[] knots(double[] p, int off, double scale) {
        int k = bins;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, p[off + i] * scale);
        }
        double[] e = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            e[i] = Math.exp(p[off + i] * scale - max);
            sum += e[i];
        }
        double[] knots = new double[k + 1];
        double cum = 0;
        knots[0] = -bound;
        for (int i = 0; i < k; i++) {
            cum += MIN_BIN + (1 - MIN_BIN * k) * e[i] / sum;
            knots[i + 1] = 2 * bound * cum - bound;
        }
        knots[k] = bound;
        return knots;
    }

    private static double softplus(double v) {
        return v > 30 ? v : Math.log1p(Math.exp(v));
    }

    private record Coupling(int[] identity, int[] transformed, ResidualNet net) {}

    /** nflows ResidualNet: Linear(in, h), blocks of [ReLU, Linear, ReLU, Linear] + skip, Linear(h, out). */
    private static final class ResidualNet {
        final int in;
        final int hidden;
        final int out;
        final double[] w0;
        final double[] b0;
        final double[][] wa;
        final double[][] ba;
        final double[][] wb;
        final double[][] bb;
        final double[] wf;
        final double[] bf;

        ResidualNet(int in, int hidden, int blocks, int out, Rng rng) {
            this.in = in;
            this.hidden = hidden;
            this.out = out;
            w0 = uniform(rng, hidden * in, 1 / Math.sqrt(in));
            b0 = uniform(rng, hidden, 1 / Math.sqrt(in));
            wa = new double[blocks][];
            ba = new double[blocks][];
            wb = new double[blocks][];
            bb = new double[blocks][];
            for (int k = 0; k < blocks; k++) {
                wa[k] = uniform(rng, hidden * hidden, 1 / Math.sqrt(hidden));
                ba[k] = uniform(rng, hidden, 1 / Math.sqrt(hidden));
                wb[k] = uniform(rng, hidden * hidden, 1e-3);
                bb[k] = uniform(rng, hidden, 1e-3);
            }
            wf = uniform(rng, out * hidden, 1 / Math.sqrt(hidden));
            bf = uniform(rng, out, 1 / Math.sqrt(hidden));
        }

        double[] forward(double[] x) {
            double[] h = linear(w0, b0, x, hidden, in, false);
            for (int k = 0; k < wa.length; k++) {
                double[] t = linear(wa[k], ba[k], h, hidden, hidden, true);
                t = linear(wb[k], bb[k], t, hidden, hidden, true);
                for (int i = 0; i < hidden; i++) {
                    h[i] += t[i];
                }
            }
            return linear(wf, bf, h, out, hidden, false);
        }

        /** w: [rows, cols] times (relu first if reluInput) x, plus b. */
        private static double[] linear(double[] w, double[] b, double[] x, int rows, int cols, boolean reluInput) {
            double[] y = new double[rows];
            for (int r = 0; r < rows; r++) {
                double s = b[r];
                for (int c = 0; c < cols; c++) {
                    double v = x[c];
                    s += w[r * cols + c] * (reluInput && v < 0 ? 0 : v);
                }
                y[r] = s;
            }
            return y;
        }

        private static double[] uniform(Rng rng, int n, double bound) {
            float[] u = rng.uniform(n);
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = (2.0 * u[i] - 1) * bound;
            }
            return w;
        }
    }
}
