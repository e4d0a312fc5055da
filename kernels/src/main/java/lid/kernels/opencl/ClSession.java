package lid.kernels.opencl;

import static org.jocl.CL.clReleaseMemObject;

import org.jocl.cl_mem;

/**
 * Everything the kernel groups share for one opened device: the runtime (context, queue,
 * program), the mirrors of adopted arrays, the cache of quantized weights, a placeholder buffer
 * for absent optional arguments and a scratch buffer for reduction partials.
 */
final class ClSession implements AutoCloseable {
    /** Work groups of the first reduction pass (their partials are folded by one more group). */
    static final int PARTIALS = 64;

    final ClRuntime rt;
    final Mirrors mirrors;
    final QuantBuffers quant;
    final cl_mem dummy;
    final cl_mem scratch;

    ClSession(ClRuntime rt) {
        this.rt = rt;
        this.mirrors = new Mirrors(rt);
        this.quant = new QuantBuffers(rt);
        this.dummy = rt.buffer(1);
        this.scratch = rt.buffer(PARTIALS + 1);
    }

    /** Set when the backend is closed: every kernel call then fails. */
    boolean closed;

    /** Kernel calls run one at a time on this session (in-order queue, per-object kernel arguments); call inside the lock. */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OpenCL backend on " + rt.info.name() + " was closed");
        }
    }

    ClCall call() {
        mirrors.reclaim();
        quant.reclaim();
        return new ClCall(this);
    }

    @Override
    public void close() {
        mirrors.close();
        quant.close();
        clReleaseMemObject(dummy);
        clReleaseMemObject(scratch);
        rt.close();
    }
}
