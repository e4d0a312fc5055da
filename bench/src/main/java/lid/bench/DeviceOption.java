package lid.bench;

import lid.kernels.Backends;
import lid.kernels.Kernels;
import picocli.CommandLine.Option;

/**
 * {@code --device cpu|scalar|vector|opencl[:N]}, shared by the commands that compute (a picocli
 * mixin); the backend itself comes from {@link Backends#open}.
 */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|opencl[:N]",
            description = "compute device: cpu (also scalar or vector), or opencl[:N] for OpenCL device N of ./lid devices "
                    + "(default: ${DEFAULT-VALUE})")
    String device;

    /** The OpenCL device number asked for, or -1 for the CPU. */
    int openClIndex() {
        return Backends.openClIndex(device);
    }

    /** The backend for this run (see {@link Backends#open}); threads 0 = all. */
    Kernels kernels(int threads) {
        return Backends.open(device, threads);
    }
}
