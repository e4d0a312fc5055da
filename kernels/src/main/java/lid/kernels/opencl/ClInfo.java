package lid.kernels.opencl;

import static org.jocl.CL.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Queries of platform and device properties (clGetPlatformInfo / clGetDeviceInfo). */
final class ClInfo {
    private ClInfo() {}

    static ClDeviceInfo describe(int index, String platform, cl_device_id d) {
        long type = deviceLong(d, CL_DEVICE_TYPE);
        String typeName = (type & CL_DEVICE_TYPE_GPU) != 0 ? "GPU"
                : (type & CL_DEVICE_TYPE_CPU) != 0 ? "CPU"
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator" : "other";
        String extensions = deviceString(d, CL_DEVICE_EXTENSIONS);
        long fp = deviceLong(d, CL_DEVICE_SINGLE_FP_CONFIG);
        return new ClDeviceInfo(index, platform, deviceString(d, CL_DEVICE_NAME).trim(), typeName,
                deviceString(d, CL_DEVICE_VERSION).trim(), deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS),
                deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE), deviceSizeT(d, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                extensions.contains("cl_khr_fp64"), (fp & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0);
    }

    static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0];
    }

    static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    static long deviceSizeT(cl_device_id d, int param) {
        ByteBuffer b = ByteBuffer.allocate(Sizeof.size_t).order(ByteOrder.nativeOrder());
        clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(b), null);
        return Sizeof.size_t == 8 ? b.getLong(0) : b.getInt(0) & 0xFFFF_FFFFL;
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
