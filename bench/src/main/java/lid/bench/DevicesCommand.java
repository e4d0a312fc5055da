package lid.bench;

import lid.kernels.Backends;
import lid.kernels.Parallel;
import lid.kernels.opencl.OpenCl;
import picocli.CommandLine.Command;

/** {@code lid devices}: the compute backends found on this machine (use them with --device). */
@Command(name = "devices", description = "List the compute backends found (CPU SIMD, OpenCL); select one with --device.")
final class DevicesCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("cpu        " + Backends.describeCpu());
        System.out.println("           " + System.getProperty("os.arch") + ", " + Parallel.machineThreads()
                + " processors, Java " + Runtime.version());
        for (String line : OpenCl.describe()) {
            System.out.println(line);
        }
    }
}
