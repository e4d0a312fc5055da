package lid.kernels;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Picks the CPU backend at run time and says which and why: the Vector API backend when the
 * {@code jdk.incubator.vector} module is present and the JIT is C2 (which intrinsifies it),
 * else the scalar reference with the reason.
 */
public final class Backends {
    private Backends() {}

    /** Why the Vector API cannot be used here, or null when it can. */
    public static String vectorUnavailableReason() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "module jdk.incubator.vector is not loaded (start java with --add-modules=jdk.incubator.vector)";
        }
        String vm = System.getProperty("java.vm.name", "");
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (args.contains("-Xint") || args.stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("4"))) {
            return "the C2 JIT is off (" + String.join(" ", args) + "); the Vector API would run interpreted";
        }
        if (vm.toLowerCase().contains("graal") && Runtime.version().feature() < 24) {
            return "GraalVM before JDK 24 does not intrinsify the Vector API";
        }
        return null;
    }

    /** The best CPU backend; threads 0 = one per processor. */
    public static Kernels cpu(int threads) {
        return vectorUnavailableReason() == null ? new VectorKernels(threads) : ScalarKernels.INSTANCE;
    }

    /** Backend by name: "vector" or "scalar" (or "auto" = {@link #cpu}). */
    public static Kernels byName(String name, int threads) {
        switch (name) {
            case "auto":
                return cpu(threads);
            case "scalar":
                return ScalarKernels.INSTANCE;
            case "vector": {
                String why = vectorUnavailableReason();
                if (why != null) {
                    throw new IllegalArgumentException("backend 'vector' is unavailable: " + why);
                }
                return new VectorKernels(threads);
            }
            default:
                throw new IllegalArgumentException("unknown backend '" + name + "'; valid: auto, vector, scalar");
        }
    }

    /** One line: which CPU backend is chosen and why. */
    public static String describeCpu() {
        String why = vectorUnavailableReason();
        if (why != null) {
            return "scalar (fallback: " + why + ")";
        }
        return VectorInfo.describe() + ", " + Parallel.machineThreads() + " threads";
    }
}
