package lid.kernels.opencl;

import static org.jocl.CL.*;

import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds OpenCL platforms and devices through JOCL and opens a device as a {@link OpenClKernels}
 * backend. Never throws for a missing driver: a machine without libOpenCL, without an ICD or
 * without any platform is reported by {@link #unavailableReason()}.
 */
public final class OpenCl {
    private OpenCl() {}

    /** What OpenCL needs on Debian/Ubuntu; named in every "not available" message. */
    public static final String INSTALL_HINT =
            "install an OpenCL driver, e.g. apt-get install pocl-opencl-icd ocl-icd-libopencl1 (CPU) or your GPU vendor's ICD";

    /** A device found at start-up with the handles needed to open it. */
    record Found(ClDeviceInfo info, cl_platform_id platform, cl_device_id device) {}

    private record Discovery(List<Found> devices, String reason) {}

    private static volatile Discovery discovery;

    /** True when at least one OpenCL device can be used. */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Why OpenCL cannot be used here (one line), or null when a device is present. */
    public static String unavailableReason() {
        return discover().reason;
    }

    /** Every OpenCL device of every platform, numbered as in {@code --device opencl:N}; empty without OpenCL. */
    public static List<ClDeviceInfo> devices() {
        return discover().devices.stream().map(Found::info).toList();
    }

    /**
     * Opens device {@code index} (see {@link #devices()}): context, queue and the compiled
     * program. Throws IllegalStateException naming the reason when OpenCL is not available and
     * IllegalArgumentException for an index out of range.
     */
    public static OpenClKernels open(int index) {
        Discovery d = discover();
        if (d.reason != null) {
            throw new IllegalStateException("OpenCL: not available (" + d.reason + ")");
        }
        if (index < 0 || index >= d.devices.size()) {
            throw new IllegalArgumentException("no OpenCL device " + index + "; found " + d.devices.size()
                    + " (opencl:0" + (d.devices.size() > 1 ? " .. opencl:" + (d.devices.size() - 1) : "")
                    + "); list them with ./lid devices");
        }
        return new OpenClKernels(d.devices.get(index));
    }

    /** Lines for {@code ./lid devices}: one per device, or one saying why there is none. */
    public static List<String> describe() {
        Discovery d = discover();
        if (d.reason != null) {
            return List.of("OpenCL: not available (" + d.reason + ")");
        }
        List<String> lines = new ArrayList<>();
        for (Found f : d.devices) {
            lines.add(f.info.describe());
        }
        return lines;
    }

    private static Discovery discover() {
        Discovery d = discovery;
        if (d == null) {
            synchronized (OpenCl.class) {
                d = discovery;
                if (d == null) {
                    d = probe();
                    discovery = d;
                }
            }
        }
        return d;
    }

    private static Discovery probe() {
        if (!OpenClLibrary.present()) {
            return new Discovery(List.of(), "no OpenCL library (libOpenCL) on this machine; " + INSTALL_HINT
                    + " (or -Dlid.opencl.probe=force when it is installed in an unusual place)");
        }
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            try {
                clGetPlatformIDs(0, null, count);
            } catch (CLException e) {
                return new Discovery(List.of(), "no OpenCL platform found (" + e.getMessage() + "); " + INSTALL_HINT);
            }
            if (count[0] == 0) {
                return new Discovery(List.of(), "no OpenCL platform found; " + INSTALL_HINT);
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<Found> found = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                int[] nd = new int[1];
                try {
                    clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd);
                } catch (CLException e) {
                    continue; // CL_DEVICE_NOT_FOUND: a platform without devices
                }
                cl_device_id[] ds = new cl_device_id[nd[0]];
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ds.length, ds, null);
                String platformName = ClInfo.platformString(p, CL_PLATFORM_NAME);
                for (cl_device_id dev : ds) {
                    found.add(new Found(ClInfo.describe(found.size(), platformName, dev), p, dev));
                }
            }
            if (found.isEmpty()) {
                return new Discovery(List.of(), "OpenCL platforms found but no device; " + INSTALL_HINT);
            }
            return new Discovery(List.copyOf(found), null);
        } catch (LinkageError e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return new Discovery(List.of(), "cannot load the OpenCL library (" + e.getMessage() + "); " + INSTALL_HINT);
        } catch (CLException e) {
            return new Discovery(List.of(), "OpenCL error while listing devices: " + e.getMessage());
        }
    }
}
