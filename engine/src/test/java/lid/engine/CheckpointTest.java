package lid.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lid.engine.io.Checkpoint;
import lid.engine.nn.Activation;
import lid.engine.nn.Linear;
import lid.engine.nn.Sequential;
import lid.engine.optim.Adam;
import lid.kernels.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and resuming gives bit-identical training to never stopping. */
class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential net(long seed) {
        return new Sequential(List.of(new Linear(3, 8, true, seed, 0), new Activation(UnaryOp.TANH),
                new Linear(8, 1, true, seed, 1)));
    }

    private static void train(Sequential m, Adam opt, int from, int to) {
        for (int s = from; s < to; s++) {
            try (Arena a = Arena.open()) {
                Tensor x = Tensor.randn(9, s, 16, 3);
                Tensor loss = m.forward(x).square().mean();
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
        }
    }

    @Test
    void resumeIsBitIdenticalToAnUninterruptedRun() throws IOException {
        Sequential a = net(1);
        Adam oa = Adam.adam(a.parameters(), 1e-2f);
        train(a, oa, 0, 20);

        Sequential b = net(1);
        Adam ob = Adam.adam(b.parameters(), 1e-2f);
        train(b, ob, 0, 10);
        Path f = dir.resolve("ck.safetensors");
        Checkpoint.save(f, b, ob, Map.of(Checkpoint.STEP_KEY, "10", "arch", "{\"widths\":[8]}"));
        Sequential c = net(99);                      // different init, overwritten by the load
        Adam oc = Adam.adam(c.parameters(), 1e-2f);
        Map<String, String> md = Checkpoint.load(f, c, oc);
        assertEquals("10", md.get(Checkpoint.STEP_KEY));
        assertEquals(10, oc.steps());
        train(c, oc, 10, 20);
        for (var e : a.namedParameters().entrySet()) {
            assertArrayEquals(e.getValue().toArray(), c.namedParameters().get(e.getKey()).toArray(), e.getKey());
        }
    }

    @Test
    void mismatchedModelOrMissingStateIsAClearError() throws IOException {
        Path f = dir.resolve("w.safetensors");
        Checkpoint.save(f, net(1), null, Map.of());
        Sequential wider = new Sequential(List.of(new Linear(3, 9, true, 1, 0), new Activation(UnaryOp.TANH),
                new Linear(9, 1, true, 1, 1)));
        var e = assertThrows(IOException.class, () -> Checkpoint.load(f, wider, null));
        assertTrue(e.getMessage().contains("has shape"), e.getMessage());
        Sequential same = net(2);
        var e2 = assertThrows(IOException.class, () -> Checkpoint.load(f, same, Adam.adam(same.parameters(), 1e-3f)));
        assertTrue(e2.getMessage().contains("no optimizer state"), e2.getMessage());
    }
}
