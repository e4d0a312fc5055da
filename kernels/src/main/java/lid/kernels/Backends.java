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

    /** Devices opened by this process (a command that runs others, like demo, opens each once). */
    private static final java.util.Map<Integer, lid.kernels.opencl.OpenClKernels> OPENED = new java.util.HashMap<>();
    private static boolean toldUnavailable;

    /**
     * The backend a spec names: {@code cpu} (or {@code auto}: the best CPU backend), {@code scalar},
     * {@code vector}, {@code opencl} / {@code gpu} (= {@code opencl:0}) or {@code opencl:N} (OpenCL
     * device N as {@code lid devices} lists them; opened once per process and released at exit).
     * Without an OpenCL platform it says so once on stderr and runs on the CPU. threads 0 = all.
     */
    public static Kernels open(String spec, int threads) {
        String d = spec.strip().toLowerCase(java.util.Locale.ROOT);
        switch (d) {
            case "cpu", "auto":
                return cpu(threads);
            case "scalar", "vector":
                return byName(d, threads);
            default:
                break;
        }
        int index = openClIndex(spec);
        synchronized (OPENED) {
            if (!lid.kernels.opencl.OpenCl.available()) {
                if (!toldUnavailable) {
                    toldUnavailable = true;
                    System.err.println("OpenCL: not available (" + lid.kernels.opencl.OpenCl.unavailableReason()
                            + "); running on the CPU");
                }
                return cpu(threads);
            }
            return OPENED.computeIfAbsent(index, i -> {
                lid.kernels.opencl.OpenClKernels k = lid.kernels.opencl.OpenCl.open(i);
                Runtime.getRuntime().addShutdownHook(new Thread(k::close, "opencl-release"));
                return k;
            });
        }
    }

    /** The OpenCL device number a spec asks for, or -1 for a CPU backend; a bad spec is an error listing the valid ones. */
    public static int openClIndex(String spec) {
        String d = spec.strip().toLowerCase(java.util.Locale.ROOT);
        switch (d) {
            case "cpu", "auto", "scalar", "vector":
                return -1;
            case "opencl", "gpu":
                return 0;
            default:
                break;
        }
        if (d.startsWith("opencl:")) {
            try {
                int i = Integer.parseInt(d.substring("opencl:".length()));
                if (i >= 0) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("--device must be cpu, scalar, vector, opencl or opencl:N (N from ./lid devices), got '"
                + spec + "'");
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
