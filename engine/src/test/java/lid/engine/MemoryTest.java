package lid.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lid.engine.nn.Activation;
import lid.engine.nn.Linear;
import lid.engine.nn.Sequential;
import lid.kernels.UnaryOp;
import org.junit.jupiter.api.Test;

class MemoryTest {
    @Test
    void arenaReleasesAndMeterCountsLiveAndPeak() {
        long base = Memory.liveBytes();
        try (var m = Memory.measure()) {
            try (Arena a = Arena.open()) {
                Tensor x = Tensor.zeros(1000);          // 4000 bytes
                Tensor y = Tensor.zeros(500);           // 2000 bytes
                assertEquals(base + 6000, Memory.liveBytes());
                y.release();
                assertEquals(base + 4000, Memory.liveBytes());
                assertTrue(x.size() == 1000);
            }
            assertEquals(base, Memory.liveBytes());
            assertEquals(6000, m.peakAboveStart());
        }
    }

    @Test
    void keptTensorsSurviveTheirArenaAndReleasedOnesCannotBeRead() {
        Tensor kept;
        Tensor dropped;
        try (Arena a = Arena.open()) {
            kept = a.keep(Tensor.full(2f, 3));
            dropped = Tensor.full(1f, 3);
        }
        assertEquals(6f, kept.sum().item());
        var e = assertThrows(IllegalStateException.class, dropped::toArray);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
    }

    /** Inference through Sequential without recording holds about two activations at a time, not all of them. */
    @Test
    void noGradSequentialFreesIntermediates() {
        int width = 256, batch = 64, depth = 8;
        java.util.List<lid.engine.nn.Module> layers = new java.util.ArrayList<>();
        for (int i = 0; i < depth; i++) {
            layers.add(new Linear(width, width, true, 1, i));
            layers.add(new Activation(UnaryOp.SILU));
        }
        Sequential net = new Sequential(layers);
        Tensor x = Tensor.randn(2, 0, batch, width);
        long activation = 4L * batch * width;
        try (Arena a = Arena.open(); Grad.Scope off = Grad.off(); var m = Memory.measure()) {
            Tensor y = net.forward(x);
            assertTrue(m.peakAboveStart() <= 3 * activation, "peak " + m.peakAboveStart() + " vs activation " + activation);
            assertEquals(activation, Memory.liveBytes() - (m.peak() - m.peakAboveStart()), "only the output is live");
            assertTrue(y.size() == batch * width);
        }
        try (Arena a = Arena.open(); var m = Memory.measure()) {
            Tensor y = net.forward(x.copy().requiresGrad(true));
            assertTrue(m.peakAboveStart() >= 2L * depth * activation, "with recording every activation is kept");
            assertTrue(y.requiresGrad());
        }
        assertTrue(List.of(x).size() == 1);
    }
}
