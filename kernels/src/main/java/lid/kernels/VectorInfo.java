package lid.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import jdk.incubator.vector.FloatVector;

/** Facts about the SIMD the Vector API runs on (only touch when the module is loaded). */
public final class VectorInfo {
    private VectorInfo() {}

    public static int floatLanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }

    public static int vectorBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** A HotSpot VM flag's value (e.g. UseAVX, MaxVectorSize, UseFMA), or "?" when unknown. */
    public static String vmFlag(String name) {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return bean.getVMOption(name).getValue();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    public static String describe() {
        return "vector-" + vectorBits() + " (" + floatLanes() + " float lanes; UseAVX=" + vmFlag("UseAVX")
                + ", MaxVectorSize=" + vmFlag("MaxVectorSize") + ", UseFMA=" + vmFlag("UseFMA") + ")";
    }
}
