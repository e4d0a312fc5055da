package lid.bench;

import java.util.HashMap;
import java.util.Map;
import lid.kernels.Backends;
import lid.kernels.Kernels;
import lid.kernels.opencl.OpenCl;
import lid.kernels.opencl.OpenClKernels;
import picocli.CommandLine.Option;

/**
 * {@code --device cpu|opencl[:N]}, shared by the commands that compute (a picocli mixin).
 * OpenCL devices are numbered as {@code ./lid devices} lists them. Without an OpenCL platform
 * the command says so in one line on stderr and runs on the CPU.
 */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|opencl[:N]",
            description = "compute device: cpu, or opencl[:N] for OpenCL device N of ./lid devices (default: ${DEFAULT-VALUE})")
    String device;

    /** The OpenCL device number asked for, or -1 for the CPU. */
    int openClIndex() {
        String d = device.trim().toLowerCase();
        if (d.equals("cpu")) {
            return -1;
        }
        if (d.equals("opencl") || d.equals("gpu")) {
            return 0;
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
        throw new IllegalArgumentException("--device must be cpu, opencl or opencl:N (N from ./lid devices), got '" + device + "'");
    }

    /** Devices opened by this process (a command that runs others, like demo, opens each once). */
    private static final Map<Integer, OpenClKernels> OPENED = new HashMap<>();
    private static boolean toldUnavailable;

    /**
     * The backend for this run: the OpenCL device when asked for and present (opened once per
     * process, released at exit), else the CPU with threads (0 = all).
     */
    Kernels kernels(int threads) {
        int index = openClIndex();
        if (index < 0) {
            return Backends.cpu(threads);
        }
        synchronized (OPENED) {
            if (!OpenCl.available()) {
                if (!toldUnavailable) {
                    toldUnavailable = true;
                    System.err.println("OpenCL: not available (" + OpenCl.unavailableReason() + "); running on the CPU");
                }
                return Backends.cpu(threads);
            }
            return OPENED.computeIfAbsent(index, i -> {
                OpenClKernels k = OpenCl.open(i);
                Runtime.getRuntime().addShutdownHook(new Thread(k::close, "opencl-release"));
                return k;
            });
        }
    }
}
