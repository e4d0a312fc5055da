package lid.bench;

import lid.kernels.Kernels;
import picocli.CommandLine.Mixin;

/** {@code --threads N --device cpu|scalar|vector|opencl[:N]}: what a command computes on (a picocli mixin). */
final class ComputeOptions {
    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    DeviceOption device = new DeviceOption();

    /** The thread count asked for, checked (0 = all processors). */
    int threads() {
        return threads.get();
    }

    /** The backend of this run (threads checked first). */
    Kernels kernels() {
        return device.kernels(threads());
    }
}
