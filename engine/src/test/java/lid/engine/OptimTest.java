package lid.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import lid.engine.optim.Adam;
import lid.engine.optim.CosineSchedule;
import lid.engine.optim.Ema;
import lid.engine.optim.GradClip;
import lid.engine.optim.Sgd;
import org.junit.jupiter.api.Test;

/** Optimizers against first steps computed by hand (PyTorch's formulas). */
class OptimTest {
    private static Tensor paramWithGrad(float p, float g) {
        Tensor t = Tensor.of(new float[] {p}, 1).requiresGrad(true);
        t.mul(g).sum().backward(); // grad = g
        return t;
    }

    @Test
    void adamFirstTwoSteps() {
        Tensor p = paramWithGrad(1f, 0.5f);
        Adam adam = Adam.adam(List.of(p), 0.1f);
        adam.step();
        // step 1: m = 0.05, v = 0.00025; mhat = 0.5, vhat = 0.25; p = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
        assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8), p.item(), 1e-6);
        adam.step(); // same gradient 0.5 again
        double m = 0.9 * 0.05 + 0.1 * 0.5, v = 0.999 * 0.00025 + 0.001 * 0.25;
        double mhat = m / (1 - 0.81), vhat = v / (1 - 0.999 * 0.999);
        double want = (1 - 0.1 * 0.5 / (0.5 + 1e-8)) - 0.1 * mhat / (Math.sqrt(vhat) + 1e-8);
        assertEquals(want, p.item(), 1e-6);
    }

    @Test
    void adamWDecaysDecoupledAndAdamAddsToGradient() {
        Tensor p = paramWithGrad(2f, 0.5f);
        Adam.adamW(List.of(p), 0.1f, 0.01f).step();
        // p = 2 (1 - 0.1*0.01) - 0.1 * 1 = 1.898
        assertEquals(2 * (1 - 0.001) - 0.1 * 0.5 / (0.5 + 1e-8), p.item(), 1e-6);
        Tensor q = paramWithGrad(2f, 0.5f);
        new Adam(List.of(q), 0.1f, 0.9f, 0.999f, 1e-8f, 0.01f, false).step();
        // g' = 0.5 + 0.02; first step of Adam moves by lr whatever the gradient size
        assertEquals(2 - 0.1 * 0.52 / (0.52 + 1e-8), q.item(), 1e-6);
    }

    @Test
    void sgdMomentum() {
        Tensor p = paramWithGrad(1f, 1f);
        Sgd sgd = new Sgd(List.of(p), 0.1f, 0.9f, 0f, false);
        sgd.step();                                      // b = 1, p = 0.9
        assertEquals(0.9, p.item(), 1e-6);
        sgd.step();                                      // b = 0.9 + 1 = 1.9, p = 0.71
        assertEquals(0.71, p.item(), 1e-6);
    }

    @Test
    void cosineScheduleWarmupAndDecay() {
        CosineSchedule s = new CosineSchedule(1f, 10, 110, 0.1f);
        assertEquals(0.1, s.at(0), 1e-6);
        assertEquals(1.0, s.at(9), 1e-6);
        assertEquals(1.0, s.at(10), 1e-6);
        assertEquals(0.55, s.at(60), 1e-6);              // half way: min + (base-min)/2
        assertEquals(0.1, s.at(110), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(1f, 20, 10, 0f));
    }

    @Test
    void clipByGlobalNormScalesAllGradients() {
        Tensor a = paramWithGrad(0f, 3f);
        Tensor b = paramWithGrad(0f, 4f);
        double norm = GradClip.clipByGlobalNorm(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-6);
        assertEquals(0.6, a.grad().item(), 1e-5);
        assertEquals(0.8, b.grad().item(), 1e-5);
    }

    @Test
    void emaTracksParameters() {
        Tensor p = Tensor.of(new float[] {0f}, 1).requiresGrad(true);
        Ema ema = new Ema(List.of(p), 0.9f);
        p.copyFrom(Tensor.of(new float[] {1f}, 1));
        ema.update();
        assertEquals(0.1, ema.shadow().get(0).item(), 1e-6);
        ema.update();
        assertEquals(0.19, ema.shadow().get(0).item(), 1e-6);
    }
}
