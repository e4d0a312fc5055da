package lid.engine;

import lid.kernels.Backends;
import lid.kernels.Kernels;

/**
 * The compute backend every tensor op runs on: chosen once at start-up (the only global state
 * of the engine), replaceable for tests and benchmarks with {@link #use}.
 *
 * <p>On a device backend (OpenCL) tensor storage lives on the device between ops: pooled
 * arrays are adopted by the backend, op code passes them to kernels as they are
 * ({@code Tensor.dev()}), and host accessors ({@code Tensor.data()}) sync first. On the CPU
 * the sync calls are skipped after one volatile read ({@link #resident}).
 */
public final class Engine {
    private Engine() {}

    private static volatile Kernels kernels = Backends.cpu(Integer.getInteger("lid.threads", 0));
    /** True when the backend keeps copies of tensor storage on a device. */
    private static volatile boolean resident;

    public static Kernels kernels() {
        return kernels;
    }

    /**
     * Switches the backend (e.g. {@code Backends.cpu(1)} for single-threaded runs). Leaving a
     * device backend first brings every device copy back to the host and forgets them, so
     * existing tensors stay valid on the new backend.
     */
    public static synchronized void use(Kernels k) {
        if (k == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
        Kernels old = kernels;
        if (old == k) {
            return;
        }
        resident = false;
        old.evictAll();
        kernels = k;
        resident = k.resident();
    }

    /** True when tensor storage may be newer on a device than on the host (see class comment). */
    public static boolean resident() {
        return resident;
    }
}
