package lid.kernels.opencl;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clSetKernelArg;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/** Sets a kernel's arguments in order and enqueues it (callers hold the backend's lock). */
final class Launch {
    private final ClRuntime rt;
    private final cl_kernel kernel;
    private int index;

    Launch(ClRuntime rt, cl_kernel kernel) {
        this.rt = rt;
        this.kernel = kernel;
    }

    Launch arg(cl_mem m) {
        clSetKernelArg(kernel, index++, Sizeof.cl_mem, Pointer.to(m));
        return this;
    }

    Launch arg(int v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_int, Pointer.to(new int[] {v}));
        return this;
    }

    Launch arg(boolean v) {
        return arg(v ? 1 : 0);
    }

    Launch arg(float v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_float, Pointer.to(new float[] {v}));
        return this;
    }

    Launch arg(long v) {
        clSetKernelArg(kernel, index++, Sizeof.cl_long, Pointer.to(new long[] {v}));
        return this;
    }

    /** A __local float array of n elements. */
    Launch local(int n) {
        clSetKernelArg(kernel, index++, (long) Sizeof.cl_float * n, null);
        return this;
    }

    /** One work item per element of a 1-D range of n (the driver picks the group size). */
    void run(long n) {
        if (n > 0) {
            clEnqueueNDRangeKernel(rt.queue, kernel, 1, null, new long[] {n}, null, 0, null, null);
        }
    }

    /** groups work groups of groupSize items each (1-D). */
    void runGroups(long groups, int groupSize) {
        if (groups > 0) {
            clEnqueueNDRangeKernel(rt.queue, kernel, 1, null, new long[] {groups * groupSize}, new long[] {groupSize},
                    0, null, null);
        }
    }

    /** A 2-D or 3-D range with optional local sizes. */
    void run(long[] global, long[] local) {
        for (long g : global) {
            if (g == 0) {
                return;
            }
        }
        clEnqueueNDRangeKernel(rt.queue, kernel, global.length, null, global, local, 0, null, null);
    }
}
