package lid.bench;

import lid.kernels.Backends;
import lid.kernels.Parallel;
import picocli.CommandLine.Command;

/** {@code lid devices}: the compute backends found on this machine. */
@Command(name = "devices", description = "List the compute backends found (CPU SIMD, OpenCL).")
final class DevicesCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("cpu     " + Backends.describeCpu());
        System.out.println("        " + System.getProperty("os.arch") + ", " + Parallel.machineThreads()
                + " processors, Java " + Runtime.version());
        System.out.println("opencl  not available: this build has no OpenCL backend yet; everything runs on the CPU");
    }
}
