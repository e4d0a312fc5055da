package lid.engine;

import lid.kernels.Backends;
import lid.kernels.Kernels;

/**
 * The compute backend every tensor op runs on: chosen once at start-up (the only global state
 * of the engine), replaceable for tests and benchmarks with {@link #use}.
 */
public final class Engine {
    private Engine() {}

    private static volatile Kernels kernels = Backends.cpu(Integer.getInteger("lid.threads", 0));

    public static Kernels kernels() {
        return kernels;
    }

    /** Switches the backend (e.g. {@code Backends.cpu(1)} for single-threaded runs). */
    public static void use(Kernels k) {
        kernels = k;
    }
}
