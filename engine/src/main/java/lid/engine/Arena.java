package lid.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A lifetime scope for tensors: every tensor created on this thread while the arena is the
 * innermost open one is released when it closes, except those passed to {@link #keep}, which
 * move to the enclosing arena (or become unscoped). A training step or an estimator batch runs
 * in an arena, so its intermediate buffers go back to the pool at once:
 * <pre>{@code
 * try (Arena step = Arena.open()) {
 *     Tensor loss = model.loss(batch);
 *     loss.backward();
 *     optimizer.step();
 * }   // every activation, gradient of an activation and temporary is released here
 * }</pre>
 * Tensors created with no arena open (parameters, data) live until released or collected.
 */
public final class Arena implements AutoCloseable {
    private static final ThreadLocal<Deque<Arena>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<Tensor> owned = new ArrayList<>();
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    private Arena() {}

    public static Arena open() {
        Arena a = new Arena();
        OPEN.get().push(a);
        return a;
    }

    /** Runs {@code body} with no arena in effect: what it creates is unscoped (e.g. parameter gradients). */
    public static <T> T unscoped(java.util.function.Supplier<T> body) {
        Deque<Arena> stack = OPEN.get();
        Deque<Arena> saved = new ArrayDeque<>(stack);
        stack.clear();
        try {
            return body.get();
        } finally {
            stack.clear();
            stack.addAll(saved);
        }
    }

    static void register(Tensor t) {
        Arena a = OPEN.get().peek();
        if (a != null) {
            a.owned.add(t);
        }
    }

    /** Keeps t (and its storage) alive past this arena: it moves to the enclosing arena, if any. */
    public Tensor keep(Tensor t) {
        if (owned.remove(t)) {
            Deque<Arena> stack = OPEN.get();
            Arena parent = null;
            boolean seen = false;
            for (Arena a : stack) {
                if (seen) {
                    parent = a;
                    break;
                }
                seen = a == this;
            }
            if (parent != null) {
                parent.owned.add(t);
            }
        }
        return t;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("an Arena must be closed on the thread that opened it");
        }
        closed = true;
        Deque<Arena> stack = OPEN.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("Arenas must close innermost first");
        }
        stack.pop();
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).release();
        }
        owned.clear();
    }
}
