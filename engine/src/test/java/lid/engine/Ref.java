package lid.engine;

/**
 * Double-precision reference forwards (obviously right, no speed) that the gradient checks
 * differentiate by central differences. Arrays are row-major like the engine's tensors.
 */
final class Ref {
    private Ref() {}

    static double silu(double x) { return x / (1 + Math.exp(-x)); }

    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /** Broadcast binary op on shapes as, bs (numpy rules). */
    static double[] broadcast(double[] a, int[] as, double[] b, int[] bs, java.util.function.DoubleBinaryOperator f) {
        int[] os = Shape.broadcast(as, bs);
        int r = os.length;
        int[] ap = Shape.padLeft(as, r), bp = Shape.padLeft(bs, r);
        int n = Shape.size(os);
        double[] out = new double[n];
        int[] idx = new int[r];
        for (int i = 0; i < n; i++) {
            int rem = i;
            for (int d = r - 1; d >= 0; d--) {
                idx[d] = rem % os[d];
                rem /= os[d];
            }
            int ai = 0, bi = 0;
            for (int d = 0; d < r; d++) {
                ai = ai * ap[d] + (ap[d] == 1 ? 0 : idx[d]);
                bi = bi * bp[d] + (bp[d] == 1 ? 0 : idx[d]);
            }
            out[i] = f.applyAsDouble(a[ai], b[bi]);
        }
        return out;
    }

    /** [m,k] x [k,n]. */
    static double[] matmul(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    static double[] softmaxRows(double[] x, int rows, int cols) {
        double[] y = new double[x.length];
        for (int i = 0; i < rows; i++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                mx = Math.max(mx, x[i * cols + j]);
            }
            double s = 0;
            for (int j = 0; j < cols; j++) {
                y[i * cols + j] = Math.exp(x[i * cols + j] - mx);
                s += y[i * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                y[i * cols + j] /= s;
            }
        }
        return y;
    }

    /** Normalises runs of len values; gamma index = (position within run) / every. */
    static double[] normRuns(double[] x, int runs, int len, double eps, double[] gamma, double[] beta,
                             int channelsPerRun, int every, int runsPerSample) {
        double[] y = new double[x.length];
        for (int r = 0; r < runs; r++) {
            double mu = 0, v = 0;
            for (int j = 0; j < len; j++) {
                mu += x[r * len + j];
            }
            mu /= len;
            for (int j = 0; j < len; j++) {
                v += (x[r * len + j] - mu) * (x[r * len + j] - mu);
            }
            v /= len;
            double rs = 1 / Math.sqrt(v + eps);
            int firstChannel = (r % runsPerSample) * channelsPerRun;
            for (int j = 0; j < len; j++) {
                int ch = firstChannel + j / every;
                double xh = (x[r * len + j] - mu) * rs;
                y[r * len + j] = xh * (gamma == null ? 1 : gamma[ch]) + (beta == null ? 0 : beta[ch]);
            }
        }
        return y;
    }

    /** NCHW convolution. */
    static double[] conv2d(double[] x, double[] w, double[] bias, int n, int c, int h, int wd, int o, int kh, int kw,
                           int stride, int pad) {
        int oh = (h + 2 * pad - kh) / stride + 1, ow = (wd + 2 * pad - kw) / stride + 1;
        double[] y = new double[n * o * oh * ow];
        for (int s = 0; s < n; s++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = bias == null ? 0 : bias[oc];
                        for (int ic = 0; ic < c; ic++) {
                            for (int a = 0; a < kh; a++) {
                                for (int b = 0; b < kw; b++) {
                                    int yy = i * stride - pad + a, xx = j * stride - pad + b;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        acc += x[((s * c + ic) * h + yy) * wd + xx] * w[((oc * c + ic) * kh + a) * kw + b];
                                    }
                                }
                            }
                        }
                        y[((s * o + oc) * oh + i) * ow + j] = acc;
                    }
                }
            }
        }
        return y;
    }
}
