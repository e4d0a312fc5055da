package lid.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lid.engine.nn.Activation;
import lid.engine.nn.LayerNorm;
import lid.engine.nn.Linear;
import lid.engine.nn.Sequential;
import lid.kernels.UnaryOp;
import org.junit.jupiter.api.Test;

class AutodiffTest {

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        x.square().sum().backward();              // d/dx sum x^2 = 2x
        x.mul(3f).sum().backward();               // + 3
        assertArrayEquals(new float[] {5, 7, 9}, x.grad().toArray());
        x.zeroGrad();
        assertArrayEquals(new float[] {0, 0, 0}, x.grad().toArray());
    }

    @Test
    void inputUsedTwiceGetsBothContributions() {
        Tensor x = Tensor.of(new float[] {2, -1}, 2).requiresGrad(true);
        Tensor y = x.mul(x).add(x).sum();         // d/dx (x^2 + x) = 2x + 1
        y.backward();
        assertArrayEquals(new float[] {5, -1}, x.grad().toArray());
    }

    @Test
    void diamondGraphSumsPaths() {
        Tensor x = Tensor.of(new float[] {0.5f}, 1).requiresGrad(true);
        Tensor a = Pointwise.exp(x);
        Tensor b = a.mul(a);                      // exp(2x)
        Tensor c = a.add(b).sum();                // d/dx = e^x + 2 e^{2x}
        c.backward();
        double want = Math.exp(0.5) + 2 * Math.exp(1.0);
        assertEquals(want, x.grad().item(), 1e-5);
    }

    @Test
    void noGradScopeRecordsNothingAndDetachCutsTheGraph() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        try (Grad.Scope off = Grad.off()) {
            Tensor y = x.square();
            assertTrue(!y.requiresGrad() && y.isLeaf());
        }
        Tensor d = x.square().detach();
        assertTrue(!d.requiresGrad());
        Tensor z = x.mul(d).sum();                // gradient only through x, d is a constant x^2
        z.backward();
        assertArrayEquals(new float[] {1, 4}, x.grad().toArray());
        assertThrows(IllegalStateException.class, () -> Tensor.of(new float[] {1}, 1).sum().backward());
    }

    @Test
    void backwardOnNonScalarNeedsAnOutputGradient() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.square();
        var e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("one-element"), e.getMessage());
        y.backward(Tensor.of(new float[] {1, 10}, 2));
        assertArrayEquals(new float[] {2, 40}, x.grad().toArray());
    }

    /** The JVP trace with k = D identity directions equals the trace of the Jacobian built row by row by reverse mode. */
    @Test
    void batchedJvpTraceEqualsExplicitJacobianTrace() {
        int d = 7, b = 5;
        Sequential mlp = new Sequential(List.of(new Linear(d, 16, true, 3, 0), new Activation(UnaryOp.SILU),
                new LayerNorm(16, 1e-5f, true), new Linear(16, 16, true, 3, 1), new Activation(UnaryOp.TANH),
                new Linear(16, d, true, 3, 2)));
        Tensor x = Tensor.randn(11, 0, b, d);
        // forward mode: tangent[i, s, :] = e_i for every sample s
        float[] eye = new float[d * b * d];
        for (int i = 0; i < d; i++) {
            for (int s = 0; s < b; s++) {
                eye[(i * b + s) * d + i] = 1f;
            }
        }
        float[] jvpTrace = new float[b];
        try (Arena arena = Arena.open(); Grad.Scope off = Grad.off()) {
            Tensor y = mlp.forward(x.copy().withTangent(Tensor.of(eye, d, b, d)));
            float[] t = y.tangent().toArray();
            for (int s = 0; s < b; s++) {
                for (int i = 0; i < d; i++) {
                    jvpTrace[s] += t[(i * b + s) * d + i];
                }
            }
        }
        // reverse mode: row i of J for all samples at once = grad of sum_s y[s, i]
        float[][] jac = new float[b][d * d];
        for (int i = 0; i < d; i++) {
            try (Arena arena = Arena.open()) {
                Tensor xi = x.copy().requiresGrad(true);
                Tensor y = mlp.forward(xi);
                float[] sel = new float[b * d];
                for (int s = 0; s < b; s++) {
                    sel[s * d + i] = 1f;
                }
                y.backward(Tensor.of(sel, b, d));
                float[] g = xi.grad().toArray();
                for (int s = 0; s < b; s++) {
                    System.arraycopy(g, s * d, jac[s], i * d, d);
                }
                mlp.zeroGrad();
            }
        }
        for (int s = 0; s < b; s++) {
            double tr = 0;
            for (int i = 0; i < d; i++) {
                tr += jac[s][i * d + i];
            }
            assertEquals(tr, jvpTrace[s], 1e-4 * (1 + Math.abs(tr)), "sample " + s);
        }
    }

    @Test
    void reshapeOfWrongSizeAndBadBroadcastAreClear() {
        Tensor x = Tensor.zeros(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> x.reshape(4, 2));
        assertTrue(e.getMessage().contains("cannot become"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> x.add(Tensor.zeros(4)));
        assertTrue(e2.getMessage().contains("do not broadcast"), e2.getMessage());
        assertNull(x.grad());
    }
}
