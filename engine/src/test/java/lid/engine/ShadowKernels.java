package lid.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import lid.kernels.ConvolutionKernels;
import lid.kernels.ElementwiseKernels;
import lid.kernels.GemmKernels;
import lid.kernels.Kernels;
import lid.kernels.NormalizationKernels;
import lid.kernels.OptimizerKernels;
import lid.kernels.Out;
import lid.kernels.QuantizedKernels;
import lid.kernels.RandomKernels;
import lid.kernels.ReductionKernels;

/**
 * A test double of a device backend: computes on the CPU backend, but keeps a separate
 * "device" copy of every adopted array and, while that copy is newer, fills the host array
 * with NaN. Engine code that reads a tensor on the host without syncing (Tensor.data / read)
 * sees NaN, and a host write it does not announce is lost, so the engine's tests fail where a
 * sync is missing, exactly where they would give wrong numbers on an OpenCL device.
 * Run the engine tests on it with {@code -Dlid.test.kernels=shadow} (see TestBackend).
 */
final class ShadowKernels implements Kernels {
    private static final int HOST_NEWER = 0, DEVICE_NEWER = 1, SYNCED = 2;

    private static final class Mirror {
        final float[] dev;
        int state = HOST_NEWER;

        Mirror(int n) {
            dev = new float[n];
        }
    }

    private final Kernels cpu;
    private final Map<float[], Mirror> mirrors = new IdentityHashMap<>();
    private final List<float[]> written = new ArrayList<>();

    private final Families families;

    ShadowKernels(Kernels cpu) {
        this.cpu = cpu;
        this.families = new Families(shadow(GemmKernels.class, cpu.gemm()),
                shadow(ElementwiseKernels.class, cpu.elementwise()), shadow(ReductionKernels.class, cpu.reductions()),
                shadow(NormalizationKernels.class, cpu.normalization()),
                shadow(ConvolutionKernels.class, cpu.convolution()), shadow(RandomKernels.class, cpu.random()),
                shadow(OptimizerKernels.class, cpu.optimizer()), shadow(QuantizedKernels.class, cpu.quantized()));
    }

    @Override
    public Families families() {
        return families;
    }

    @Override public String name() { return "shadow(" + cpu.name() + ")"; }
    @Override public int threads() { return cpu.threads(); }
    @Override public String device() { return "shadow"; }

    @Override
    public synchronized void adopt(float[] a) {
        mirrors.computeIfAbsent(a, k -> new Mirror(k.length));
    }

    @Override
    public synchronized void release(float[] a) {
        mirrors.remove(a);
    }

    @Override
    public synchronized void toHost(float[] a) {
        Mirror m = mirrors.get(a);
        if (m != null && m.state == DEVICE_NEWER) {
            System.arraycopy(m.dev, 0, a, 0, a.length);
            m.state = SYNCED;
        }
    }

    @Override
    public synchronized void hostWrote(float[] a) {
        Mirror m = mirrors.get(a);
        if (m != null) {
            m.state = HOST_NEWER;
        }
    }

    @Override
    public synchronized void evictAll() {
        for (float[] a : new ArrayList<>(mirrors.keySet())) {
            toHost(a);
        }
        mirrors.clear();
    }

    /** The array a kernel reads: the device copy of an adopted array (uploaded if stale). */
    private float[] in(float[] a) {
        if (a == null) {
            return null;
        }
        Mirror m = mirrors.get(a);
        if (m == null) {
            return a;
        }
        if (m.state == HOST_NEWER) {
            System.arraycopy(a, 0, m.dev, 0, a.length);
            m.state = SYNCED;
        }
        return m.dev;
    }

    /** The array a kernel writes; after the call the device copy is newer and the host copy poisoned. */
    private float[] out(float[] a) {
        float[] d = in(a);
        if (d != a) {
            written.add(a);
        }
        return d;
    }

    private void begin() {
        written.clear();
    }

    private void done() {
        for (float[] a : written) {
            mirrors.get(a).state = DEVICE_NEWER;
            Arrays.fill(a, Float.NaN);
        }
        written.clear();
    }

    @Override
    public boolean resident() {
        return true;
    }

    @Override
    public synchronized void copyRows(int rows, int cols, float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd) {
        begin();
        cpu.copyRows(rows, cols, in(src), srcOff, lds, out(dst), dstOff, ldd);
        done();
    }

    // ---- the families: one generic double per family, driven by the @Out marks of its interface --

    private final Map<Class<?>, Object> doubles = new java.util.HashMap<>();

    /**
     * A family whose every call runs on the CPU's family with the device copies of its array
     * arguments: arrays a method marks {@link Out} become device-newer (their host copies
     * poisoned), the others are uploaded when the host copy is newer. A new kernel op needs no
     * change here.
     */
    private synchronized <T> T shadow(Class<T> family, T cpuFamily) {
        return family.cast(doubles.computeIfAbsent(family, f -> Proxy.newProxyInstance(family.getClassLoader(),
                new Class<?>[] {family}, (proxy, method, args) -> {
                    synchronized (ShadowKernels.this) {
                        Annotation[][] marks = method.getParameterAnnotations();
                        Object[] real = args == null ? new Object[0] : args.clone();
                        begin();
                        for (int i = 0; i < real.length; i++) {
                            if (real[i] instanceof float[] a) {
                                boolean written = Arrays.stream(marks[i]).anyMatch(m -> m instanceof Out);
                                real[i] = written ? out(a) : in(a);
                            }
                        }
                        try {
                            return method.invoke(cpuFamily, real);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        } finally {
                            done();
                        }
                    }
                })));
    }
}
