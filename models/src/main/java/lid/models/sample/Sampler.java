package lid.models.sample;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import lid.engine.Arena;
import lid.engine.Engine;
import lid.engine.Grad;
import lid.engine.Tensor;
import lid.kernels.RandomKeys;
import lid.models.DiffusionModel;
import lid.models.noise.NoiseProcess;

/**
 * Reverse-time samplers for any {@link DiffusionModel}, on a uniform grid from tMax down to
 * tMin, with the forward SDE dx = f x dt + g dW of the model's process (f = a'/a,
 * g^2 = 2 b (b' - f b)) and score s = -eps_hat / b:
 * <ul>
 *   <li>{@code em}: Euler-Maruyama on the reverse SDE dx = (f x - g^2 s) dt + g dW_bar;</li>
 *   <li>{@code euler}, {@code heun}: the probability-flow ODE dx/dt = f x - g^2 s / 2
 *       (Heun = trapezoidal predictor-corrector, second order).</li>
 * </ul>
 * x_tMax ~ N(0, (a^2 + b^2) I) (exact for unit-variance data, negligible error when b >> a).
 * With {@code denoise} the last state is replaced by the posterior mean E[x0 | x_tMin]. Every
 * draw comes from Philox streams 2 + step of the key (seed, SAMPLING), so samples depend only on the seed.
 */
public final class Sampler {
    public enum Method {
        EM("em"), EULER("euler"), HEUN("heun");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.id.equalsIgnoreCase(s.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown sampler '" + s + "'; valid: "
                    + Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", ")));
        }
    }

    /** What to run: method, steps, time range, final denoising, seed, rows per batch. */
    public record Options(Method method, int steps, double tMin, double tMax, boolean denoise, long seed, int chunk) {
        public Options {
            if (steps <= 0 || chunk <= 0 || !(tMax > tMin) || tMin < 0 || tMax > 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "sampler needs steps >= 1 and 0 <= t-min < t-max <= 1, got steps=%d t=[%s, %s]", steps, tMin, tMax));
            }
        }

        public static Options defaults(NoiseProcess p, Method m, int steps, long seed) {
            double[] r = p.sampleRange();
            return new Options(m, steps, r[0], r[1], true, seed, 1024);
        }
    }

    private Sampler() {}

    /** n samples [n, D] row-major. */
    public static float[] sample(DiffusionModel model, int n, Options o) {
        int dim = model.dim();
        float[] out = new float[n * dim];
        for (int from = 0; from < n; from += o.chunk()) {
            int rows = Math.min(o.chunk(), n - from);
            float[] part = run(model, rows, from, o);
            System.arraycopy(part, 0, out, from * dim, rows * dim);
        }
        return out;
    }

    private static float[] run(DiffusionModel model, int rows, int firstRow, Options o) {
        NoiseProcess p = model.process();
        int dim = model.dim();
        double h = (o.tMax() - o.tMin()) / o.steps();
        float[] x = new float[rows * dim];
        // Noise of row r is stream-addressed by (seed, stream, position), so chunking does not change samples.
        Engine.kernels().random().randomNormal(RandomKeys.key(o.seed(), RandomKeys.Purpose.SAMPLING), 0, (long) firstRow * dim, rows * dim, x, 0);
        double sd = Math.hypot(p.a(o.tMax()), p.b(o.tMax()));
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) sd;
        }
        try (Grad.Scope off = Grad.off()) {
            for (int k = 0; k < o.steps(); k++) {
                double t = o.tMax() - k * h;
                try (Arena arena = Arena.open()) {
                    Tensor xt = Tensor.of(x, rows, dim);
                    Tensor next = switch (o.method()) {
                        case EM -> {
                            // x <- x - (f x - g^2 s) h + g sqrt(h) z
                            Tensor drift = reverseDrift(model, xt, t, 1.0);
                            Tensor z = Tensor.zeros(rows, dim);
                            Engine.kernels().random().randomNormal(RandomKeys.key(o.seed(), RandomKeys.Purpose.SAMPLING), 2 + k,
                                    (long) firstRow * dim, rows * dim, z.data(), 0);
                            yield xt.sub(drift.mul((float) h)).add(z.mul((float) (Math.sqrt(p.g2(t) * h))));
                        }
                        case EULER -> xt.sub(reverseDrift(model, xt, t, 0.5).mul((float) h));
                        case HEUN -> {
                            Tensor d1 = reverseDrift(model, xt, t, 0.5);
                            Tensor pred = xt.sub(d1.mul((float) h));
                            Tensor d2 = reverseDrift(model, pred, t - h, 0.5);
                            yield xt.sub(d1.add(d2).mul((float) (h / 2)));
                        }
                    };
                    System.arraycopy(next.data(), next.offset(), x, 0, x.length);
                }
            }
            if (o.denoise()) {
                try (Arena arena = Arena.open()) {
                    Tensor x0 = model.x0Hat(Tensor.of(x, rows, dim), DiffusionModel.times(rows, o.tMin()));
                    System.arraycopy(x0.data(), x0.offset(), x, 0, x.length);
                }
            }
        }
        return x;
    }

    /**
     * The time derivative f x - c g^2 s of the SDE (c = 1) or the probability-flow ODE (c = 1/2),
     * written with eps_hat: -g^2 s = g^2 eps_hat / b.
     */
    static Tensor reverseDrift(DiffusionModel model, Tensor x, double t, double c) {
        NoiseProcess p = model.process();
        int rows = x.dim(0);
        Tensor eps = model.epsHat(x, DiffusionModel.times(rows, t));
        return x.mul((float) p.f(t)).add(eps.mul((float) (c * p.g2(t) / p.b(t))));
    }

    /** The probability-flow velocity dx/dt = f x + g^2 eps_hat / (2 b) at one time (tangents flow through). */
    public static Tensor flowVelocity(DiffusionModel model, Tensor x, double t) {
        return reverseDrift(model, x, t, 0.5);
    }

}
