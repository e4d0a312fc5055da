package lid.engine;

/**
 * Whether ops are recorded for reverse mode on this thread. {@code try (var off = Grad.off())}
 * is the analogue of {@code torch.no_grad()}.
 */
public final class Grad {
    private Grad() {}

    private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);

    public static boolean enabled() {
        return DISABLED.get()[0] == 0;
    }

    /** Turns recording off until the returned scope closes (scopes nest). */
    public static Scope off() {
        DISABLED.get()[0]++;
        return new Scope();
    }

    public static final class Scope implements AutoCloseable {
        private boolean closed;

        private Scope() {}

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                DISABLED.get()[0]--;
            }
        }
    }

    /** True when recording is on and some input needs a gradient. */
    static boolean needed(Tensor... inputs) {
        if (!enabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    /** Records out = op(inputs) with its VJP when any input needs a gradient; returns out. */
    static Tensor record(Tensor out, String op, Node.Vjp vjp, Tensor... inputs) {
        if (needed(inputs)) {
            out.node = new Node(op, inputs, vjp);
            out.requiresGrad = true;
        }
        return out;
    }
}
