package lid.kernels.opencl;

import static org.jocl.CL.*;

import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The OpenCL objects of one opened device: context, in-order queue, the program (every .cl
 * source, compiled once when the device is opened) and its kernels. Also plain buffer
 * operations (blocking: Java arrays may move during GC, so JOCL transfers them synchronously).
 * {@link #close()} releases everything.
 */
final class ClRuntime implements AutoCloseable {
    final ClDeviceInfo info;
    final cl_device_id device;
    final cl_context context;
    final cl_command_queue queue;
    final GemmTiles tiles;
    /** Work-group size of the tree reductions: a power of two the device accepts. */
    final int reduceGroup;
    private final cl_program program;
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private boolean closed;

    ClRuntime(OpenCl.Found found) {
        this.info = found.info();
        this.device = found.device();
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, found.platform());
        this.context = clCreateContext(props, 1, new cl_device_id[] {device}, null, null, null);
        cl_command_queue q = null;
        cl_program p = null;
        try {
            q = clCreateCommandQueue(context, device, 0, null);
            this.tiles = GemmTiles.forDevice(info.maxWorkGroupSize(), info.type().equals("CPU"));
            p = build(context, device, options(info, tiles));
            cl_kernel[] all = new cl_kernel[64];
            int[] n = new int[1];
            clCreateKernelsInProgram(p, all.length, all, n);
            for (int i = 0; i < n[0]; i++) {
                kernels.put(kernelName(all[i]), all[i]);
            }
        } catch (RuntimeException e) {
            kernels.values().forEach(k -> clReleaseKernel(k));
            if (p != null) {
                clReleaseProgram(p);
            }
            if (q != null) {
                clReleaseCommandQueue(q);
            }
            clReleaseContext(context);
            throw e;
        }
        this.queue = q;
        this.program = p;
        long maxGroup = Math.min(256, kernelGroupLimit());
        this.reduceGroup = Integer.highestOneBit((int) Math.max(1, maxGroup));
    }

    /** Build options: tile sizes, fp64, and IEEE division / square root where the device offers them. */
    static String options(ClDeviceInfo info, GemmTiles tiles) {
        StringBuilder s = new StringBuilder(tiles.defines());
        if (info.fp64()) {
            s.append(" -DHAS_FP64");
        }
        if (info.correctlyRoundedDivideSqrt()) {
            s.append(" -cl-fp32-correctly-rounded-divide-sqrt");
        }
        return s.toString();
    }

    private static cl_program build(cl_context context, cl_device_id device, String options) {
        cl_program p = clCreateProgramWithSource(context, 1, new String[] {ClSources.program()}, null, null);
        try {
            clBuildProgram(p, 1, new cl_device_id[] {device}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(p, device);
            clReleaseProgram(p);
            throw new IllegalStateException("OpenCL program failed to compile (" + e.getMessage() + ", options '"
                    + options + "'):\n" + log, e);
        }
        return p;
    }

    private static String buildLog(cl_program p, cl_device_id device) {
        long[] size = new long[1];
        clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String kernelName(cl_kernel k) {
        long[] size = new long[1];
        clGetKernelInfo(k, CL_KERNEL_FUNCTION_NAME, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetKernelInfo(k, CL_KERNEL_FUNCTION_NAME, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The smallest CL_KERNEL_WORK_GROUP_SIZE of the reduction kernels (they share reduceGroup). */
    private long kernelGroupLimit() {
        long limit = info.maxWorkGroupSize();
        for (String name : new String[] {"reduce_partial", "dot_partial", "reduce_rows", "softmax_rows",
            "softmax_rows_backward", "layer_norm", "layer_norm_backward_x", "group_norm", "group_norm_backward_x"}) {
            long[] v = new long[1];
            clGetKernelWorkGroupInfo(kernel(name), device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
            if (Sizeof.size_t == 4) {
                v[0] &= 0xFFFF_FFFFL;
            }
            limit = Math.min(limit, v[0]);
        }
        return limit;
    }

    cl_kernel kernel(String name) {
        cl_kernel k = kernels.get(name);
        if (k == null) {
            throw new IllegalStateException("OpenCL kernel '" + name + "' is not in the program");
        }
        return k;
    }

    /** A kernel launch: set arguments in order, then {@link Launch#run}. */
    Launch launch(String name) {
        return new Launch(this, kernel(name));
    }

    cl_mem buffer(long floats) {
        return clCreateBuffer(context, CL_MEM_READ_WRITE, 4L * Math.max(1, floats), null, null);
    }

    cl_mem bytes(long bytes, Pointer src) {
        return clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, Math.max(1, bytes), src, null);
    }

    /** Bytes copied host to device and device to host so far (for diagnostics). */
    long uploaded;
    long downloaded;

    void write(cl_mem mem, float[] a) {
        uploaded += 4L * a.length;
        if (a.length > 0) {
            clEnqueueWriteBuffer(queue, mem, CL_TRUE, 0, 4L * a.length, Pointer.to(a), 0, null, null);
        }
    }

    void read(cl_mem mem, float[] a) {
        downloaded += 4L * a.length;
        if (a.length > 0) {
            clEnqueueReadBuffer(queue, mem, CL_TRUE, 0, 4L * a.length, Pointer.to(a), 0, null, null);
        }
    }

    /** Reads n floats from element offset off of mem into dst[0..n). */
    void read(cl_mem mem, int off, float[] dst, int n) {
        downloaded += 4L * n;
        clEnqueueReadBuffer(queue, mem, CL_TRUE, 4L * off, 4L * n, Pointer.to(dst), 0, null, null);
    }

    void finish() {
        clFinish(queue);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        clFinish(queue);
        kernels.values().forEach(k -> clReleaseKernel(k));
        kernels.clear();
        clReleaseProgram(program);
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
