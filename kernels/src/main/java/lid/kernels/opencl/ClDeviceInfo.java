package lid.kernels.opencl;

/**
 * One OpenCL device as {@code ./lid devices} lists it; {@code index} is its number in
 * {@code --device opencl:N} (devices of all platforms, in platform order).
 */
public record ClDeviceInfo(int index, String platform, String name, String type, String version,
                           int computeUnits, long globalMemBytes, long maxWorkGroupSize, boolean fp64,
                           boolean correctlyRoundedDivideSqrt) {

    /** One line for listings, e.g. {@code opencl:0  NVIDIA GeForce ... (GPU, 28 compute units, 8.0 GiB, ...)}. */
    public String describe() {
        return String.format("opencl:%d  %s  [%s, %s]  %d compute units, %.1f GiB global memory, max work-group %d%s",
                index, name, platform, type, computeUnits, globalMemBytes / (double) (1L << 30), maxWorkGroupSize,
                fp64 ? ", fp64" : "");
    }
}
