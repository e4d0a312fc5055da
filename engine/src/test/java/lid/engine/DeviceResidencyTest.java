package lid.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import lid.engine.nn.Linear;
import lid.engine.optim.Adam;
import lid.engine.optim.Ema;
import lid.engine.optim.GradClip;
import lid.kernels.Backends;
import lid.kernels.Kernels;
import org.junit.jupiter.api.Test;

/**
 * The engine's residency protocol on {@link ShadowKernels}, a device double that computes
 * with the CPU kernels but poisons every host copy that is stale: a training loop through
 * linear layers, concat, slice, layer norm, group norm, conv, the time embedding, Adam, EMA
 * and gradient clipping must give the CPU's bits, before and after switching backends.
 */
class DeviceResidencyTest {

    @Test
    void aTrainingLoopOnADeviceDoubleGivesTheCpuBits() {
        Kernels before = Engine.kernels();
        try {
            Kernels cpu = Backends.cpu(1);
            Engine.use(cpu);
            Result onCpu = train();
            Engine.use(new ShadowKernels(cpu));
            Result onShadow = train();
            Engine.use(cpu); // evicts: the shadow's newest values come home
            assertArrayEquals(onCpu.losses, onShadow.losses);
            for (int i = 0; i < onCpu.params.size(); i++) {
                assertArrayEquals(onCpu.params.get(i), onShadow.params.get(i), "parameter " + i);
            }
            assertArrayEquals(onCpu.emaParam, onShadow.ema.toArray(), "EMA shadow read after switching back to the CPU");
        } finally {
            Engine.use(before);
        }
    }

    private record Result(float[] losses, List<float[]> params, float[] emaParam, Tensor ema) {}

    private static Result train() {
        Linear l1 = new Linear(6 + 8, 16, true, 3, 0);
        Linear l2 = new Linear(16, 6, true, 3, 1);
        Tensor gamma = Arena.unscoped(() -> Tensor.full(1f, 16).requiresGrad(true));
        Tensor conv = Arena.unscoped(() -> Tensor.randn(3, 9, 2, 2, 3, 3).mul(0.2f).requiresGrad(true));
        List<Tensor> params = new ArrayList<>(l1.parameters());
        params.addAll(l2.parameters());
        params.add(gamma);
        params.add(conv);
        Adam opt = Adam.adamW(params, 1e-2f, 1e-3f);
        Ema ema = new Ema(params, 0.9f);
        Tensor x = Arena.unscoped(() -> Tensor.randn(3, 1, 32, 6));
        float[] losses = new float[15];
        for (int s = 0; s < losses.length; s++) {
            try (Arena a = Arena.open()) {
                Tensor t = Tensor.rand(3, 10 + s, 32);
                Tensor h = ShapeOps.concat(1, x, Embed.sinusoidal(t, 8, 10f));
                h = Pointwise.silu(Norms.layerNorm(l1.forward(h), gamma, null, 1e-5f));
                Tensor img = ShapeOps.slice(h, 1, 0, 8).reshape(32, 2, 2, 2);
                Tensor c = Norms.groupNorm(Conv.conv2d(img, conv, null, 1, 1), 1, null, null, 1e-5f);
                Tensor loss = l2.forward(h).sub(x).square().mean().add(c.square().mean().mul(0.1f));
                opt.zeroGrad();
                loss.backward();
                GradClip.clipByGlobalNorm(params, 1.0);
                opt.step();
                ema.update();
                losses[s] = loss.item();
            }
        }
        List<float[]> values = new ArrayList<>();
        for (Tensor p : params) {
            values.add(p.toArray());
        }
        assertEquals(params.size(), ema.shadow().size());
        return new Result(losses, values, ema.shadow().get(0).toArray(), ema.shadow().get(0));
    }
}
