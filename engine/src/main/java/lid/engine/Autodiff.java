package lid.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse mode: topological order of the recorded graph, then each node's VJP in reverse,
 * accumulating (+=) into the gradients of its inputs. Leaf gradients persist (outside any
 * arena); intermediate gradients are released as soon as they are consumed.
 */
final class Autodiff {
    private Autodiff() {}

    static void backward(Tensor root, Tensor seed) {
        if (!root.requiresGrad) {
            throw new IllegalStateException("backward() on a tensor that does not require grad: no input of the "
                    + "computation has requiresGrad(true), or it ran under Grad.off()");
        }
        if (seed == null && root.size() != 1) {
            throw new IllegalArgumentException("backward() without an output gradient needs a one-element tensor, got "
                    + Arrays.toString(root.shape()) + "; pass backward(gradOutput)");
        }
        if (seed != null && !Arrays.equals(seed.shape(), root.shape())) {
            throw new IllegalArgumentException("output gradient shape " + Arrays.toString(seed.shape())
                    + " differs from the tensor's " + Arrays.toString(root.shape()));
        }
        try (Grad.Scope off = Grad.off()) {
            Tensor g0 = seed == null ? Tensor.full(1f, root.shape()) : seed.copy();
            if (root.node == null) {
                accumulateLeaf(root, g0);
                g0.release();
                return;
            }
            List<Tensor> order = topoOrder(root);
            Map<Tensor, Tensor> grads = new IdentityHashMap<>();
            grads.put(root, g0);
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                Node node = t.node;
                Tensor[] gi = node.vjp.apply(g);
                // Each distinct returned gradient is either stored as an input's gradient (when it
                // exclusively owns its storage) or added/copied and then released.
                for (int j = 0; j < node.inputs.length; j++) {
                    Tensor in = node.inputs[j];
                    Tensor gj = gi[j];
                    if (gj == null || in == null || !in.requiresGrad) {
                        continue;
                    }
                    if (in.node == null) {
                        accumulateLeaf(in, gj);
                        continue;
                    }
                    Tensor have = grads.get(in);
                    if (have != null) {
                        Engine.kernels().elementwise().axpy(have.size(), 1f, gj.dev(), gj.offset(), have.dev(), have.offset());
                    } else if (gj != g && count(gi, gj) == 1 && !gj.sharesStorageWith(g)) {
                        grads.put(in, gj);
                        gi[j] = null; // ownership moved to the map
                    } else {
                        grads.put(in, gj.copy());
                    }
                }
                for (int j = 0; j < gi.length; j++) {
                    Tensor gj = gi[j];
                    if (gj != null && gj != g && firstIndex(gi, gj) == j) {
                        gj.release();
                    }
                }
                g.release();
            }
            for (Tensor left : grads.values()) {
                left.release();
            }
        }
    }

    private static int count(Tensor[] a, Tensor x) {
        int c = 0;
        for (Tensor t : a) {
            if (t == x) {
                c++;
            }
        }
        return c;
    }

    private static int firstIndex(Tensor[] a, Tensor x) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static void accumulateLeaf(Tensor leaf, Tensor g) {
        if (!Arrays.equals(leaf.shape(), g.shape())) {
            throw new IllegalStateException("gradient shape " + Arrays.toString(g.shape()) + " does not match leaf "
                    + Arrays.toString(leaf.shape()));
        }
        if (leaf.grad == null) {
            leaf.grad = Arena.unscoped(() -> Tensor.zeros(leaf.shape()));
        }
        Engine.kernels().elementwise().axpy(g.size(), 1f, g.dev(), g.offset(), leaf.grad.dev(), leaf.grad.offset());
    }

    /** Post-order DFS (iterative, so deep graphs do not overflow the stack). */
    private static List<Tensor> topoOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, true);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs;
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in != null && in.requiresGrad && in.node != null && !visited.containsKey(in)) {
                    visited.put(in, true);
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
