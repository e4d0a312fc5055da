package lid.models.nets;

import lid.datasets.spec.ParamInfo;
import java.util.ArrayList;
import java.util.List;
import lid.engine.Norms;
import lid.engine.Reduce;
import lid.engine.ShapeOps;
import lid.engine.Tensor;
import lid.engine.nn.Module;
import lid.models.noise.NoiseProcess;
import lid.models.params.RowScalars;

/**
 * The MoLRG low-rank denoiser (math.md 7.3, the paper's Eq. 9), an x0-prediction:
 * <pre>
 *   x0_hat = c_t sum_k w_k(x) U_k U_k^T x,   c_t = s/(s^2 + g^2)
 *   w = softmax_k( log pi_k - (d_k/2) log((s^2 + g^2)/g^2) + phi_t ||U_k^T x||^2 ),  phi_t = s^2 / (2 g^2 (s^2 + g^2))
 * </pre>
 * with (s, g) = (a(t), b(t)) of the noise process, equal weights pi_k and learnable bases
 * U_k [D, d_k] ("basis0", ...). The bases stay orthonormal (Riemannian optimisation on the Stiefel
 * manifold): {@link #beforeStep()} projects each gradient onto the tangent space,
 * G - U sym(U^T G), and {@link #afterStep()} retracts each basis (modified Gram-Schmidt). Without
 * the projection the loss's strong pull on the column norms, normalised per coordinate by Adam and
 * then undone by the retraction, drags the bases towards the cube diagonals and training stalls.
 */
public final class MolrgDenoiser extends Module implements ScoreNet {
    /** {@code molrg:dims=..}: the ranks default to those of a Gaussian dataset's mixture; predicts x0. */
    public static final ArchitectureInfo INFO = new ArchitectureInfo("molrg",
            "MoLRG low-rank denoiser (x0-prediction): learnable orthonormal bases U_k, softmax weights "
                    + "with the noise-dependent inverse temperature (math.md 7.3)",
            List.of(ParamInfo.of("dims", null, "dimension of each component, dash-separated "
                    + "(default: the ranks of a molrg/gaussian dataset's mixture)")),
            (p, ctx, resolved) -> {
                if (!p.has("dims")) {
                    if (ctx.mixtureRanks() == null) {
                        throw new IllegalArgumentException("molrg needs the component dimensions: molrg:dims=4-8 "
                                + "(they default only for datasets with an exact mixture, e.g. molrg:D=48,dims=4-8)");
                    }
                    resolved.put("dims", String.join("-", java.util.Arrays.stream(ctx.mixtureRanks())
                            .mapToObj(Integer::toString).toList()));
                }
            },
            (p, ctx, key) -> {
                if (!p.has("dims") && ctx.mixtureRanks() == null) {
                    throw new IllegalArgumentException("molrg needs molrg:dims=d1-d2-...");
                }
                return new MolrgDenoiser(ctx.dim(), p.has("dims") ? p.intList("dims", 1) : ctx.mixtureRanks(), ctx.process(), key);
            },
            lid.models.params.Parameterization.X0);

    private final int dim;
    private final int[] ranks;
    private final NoiseProcess process;
    private final List<Tensor> bases = new ArrayList<>();

    public MolrgDenoiser(int dim, int[] ranks, NoiseProcess process, long seed) {
        if (dim <= 0 || ranks.length == 0) {
            throw new IllegalArgumentException("molrg needs D > 0 and at least one component, got D=" + dim);
        }
        for (int r : ranks) {
            if (r <= 0 || r > dim) {
                throw new IllegalArgumentException("molrg: every component dimension must be in 1.." + dim + ", got "
                        + java.util.Arrays.toString(ranks));
            }
        }
        this.dim = dim;
        this.ranks = ranks.clone();
        this.process = process;
        for (int k = 0; k < ranks.length; k++) {
            final int r = ranks[k];
            final long stream = k;
            Tensor u = param("basis" + k, () -> Tensor.randn(seed, 7000 + stream, dim, r));
            orthonormalise(u);
            bases.add(u);
        }
    }

    public List<Tensor> bases() {
        return bases;
    }

    public int[] ranks() {
        return ranks.clone();
    }

    @Override
    public Tensor forward(Tensor x, Tensor t) {
        float[] ts = t.toArray();
        int kCount = ranks.length;
        List<Tensor> proj = new ArrayList<>();
        List<Tensor> logits = new ArrayList<>();
        RowScalars phi = RowScalars.of(ts, s -> {
            double a = process.a(s), g = process.b(s);
            return a * a / (2 * g * g * (a * a + g * g));
        });
        for (int k = 0; k < kCount; k++) {
            Tensor p = x.matmul(bases.get(k));                      // [B, d_k] = U_k^T x per row
            proj.add(p);
            final int r = ranks[k];
            RowScalars prior = RowScalars.of(ts, s -> {
                double a = process.a(s), g = process.b(s);
                return -0.5 * r * Math.log((a * a + g * g) / (g * g));
            });
            Tensor sq = phi.times(Reduce.sum(p.square(), 1, true)); // [B, 1]
            logits.add(prior.isZero() ? sq : sq.add(priorColumn(prior)));
        }
        Tensor w = kCount == 1 ? null : Norms.softmax(ShapeOps.concat(1, logits.toArray(new Tensor[0])));
        Tensor sum = null;
        for (int k = 0; k < kCount; k++) {
            Tensor back = proj.get(k).matmul(bases.get(k).transpose()); // U_k U_k^T x
            Tensor term = w == null ? back : ShapeOps.slice(w, 1, k, k + 1).mul(back);
            sum = sum == null ? term : sum.add(term);
        }
        return RowScalars.of(ts, s -> {
            double a = process.a(s), g = process.b(s);
            return a / (a * a + g * g);
        }).times(sum);
    }

    private static Tensor priorColumn(RowScalars prior) {
        float[] v = new float[prior.rows()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) prior.get(i);
        }
        return Tensor.of(v, v.length, 1);
    }

    @Override
    public void beforeStep() {
        for (Tensor u : bases) {
            if (u.grad() != null) {
                projectToTangent(u.toArray(), u.grad(), u.dim(0), u.dim(1));
            }
        }
    }

    /** g <- g - u sym(u^T g) for u, g [n, r] row-major. */
    static void projectToTangent(float[] u, Tensor grad, int n, int r) {
        float[] g = grad.data();
        int off = grad.offset();
        double[][] m = new double[r][r];
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < r; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (double) u[i * r + a] * g[off + i * r + b];
                }
                m[a][b] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < r; b++) {
                double s = 0;
                for (int a = 0; a < r; a++) {
                    s += u[i * r + a] * 0.5 * (m[a][b] + m[b][a]);
                }
                g[off + i * r + b] -= (float) s;
            }
        }
    }

    @Override
    public void afterStep() {
        for (Tensor u : bases) {
            orthonormalise(u);
        }
    }

    /** Modified Gram-Schmidt on the columns of u [D, r], in place, in double precision. */
    static void orthonormalise(Tensor u) {
        int n = u.dim(0), r = u.dim(1);
        float[] d = u.data();
        int off = u.offset();
        double[][] cols = new double[r][n];
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < n; i++) {
                cols[j][i] = d[off + i * r + j];
            }
        }
        for (int j = 0; j < r; j++) {
            for (int q = 0; q < j; q++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += cols[j][i] * cols[q][i];
                }
                for (int i = 0; i < n; i++) {
                    cols[j][i] -= dot * cols[q][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += cols[j][i] * cols[j][i];
            }
            norm = Math.sqrt(norm);
            if (Double.isNaN(norm) || Double.isInfinite(norm)) {
                throw new IllegalStateException("molrg: a basis holds NaN/Inf (column " + j
                        + "): training diverged; lower the learning rate");
            }
            if (norm < 1e-6) {
                // the column collapsed into the span of the others: restart it along the coordinate
                // axis farthest from that span, so training goes on with a full-rank basis
                norm = reseed(cols, j, n);
            }
            for (int i = 0; i < n; i++) {
                cols[j][i] /= norm; // later columns project onto this unit column
                d[off + i * r + j] = (float) cols[j][i];
            }
        }
    }

    /** Replaces column j by the residual of the coordinate axis least in span(cols[0 .. j)); returns its norm. */
    private static double reseed(double[][] cols, int j, int n) {
        double best = -1;
        double[] pick = null;
        for (int axis = 0; axis < n; axis++) {
            double[] e = new double[n];
            e[axis] = 1;
            for (int q = 0; q < j; q++) {
                double dot = cols[q][axis];
                for (int i = 0; i < n; i++) {
                    e[i] -= dot * cols[q][i];
                }
            }
            double norm = 0;
            for (double v : e) {
                norm += v * v;
            }
            if (norm > best) {
                best = norm;
                pick = e;
            }
        }
        cols[j] = pick;
        return Math.sqrt(best);
    }

    @Override
    public int dim() {
        return dim;
    }
}
