package lid.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.kernels.TestBackend;
import lid.kernels.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * Device residency: an adopted array stays on the device between calls (the host copy is stale
 * until toHost), host writes reach the device after hostWrote, arrays never adopted behave
 * synchronously, dropped arrays free their buffers, and a closed backend refuses work.
 */
class OpenClResidencyTest {

    @Test
    void adoptedArraysStayOnTheDeviceUntilTheHostAsks() {
        OpenClKernels cl = TestBackend.openCl();
        float[] a = {1, 2, 3, 4};
        float[] b = new float[4];
        cl.adopt(a);
        cl.adopt(b);
        cl.elementwise().scale(4, 2f, a, 0, b, 0);       // b = 2a on the device
        cl.elementwise().unary(UnaryOp.NEG, 4, b, 0, a, 0); // a = -b on the device
        assertArrayEquals(new float[] {1, 2, 3, 4}, a, "host copy is not touched while the device copy is newer");
        assertArrayEquals(new float[4], b);
        cl.toHost(a);
        cl.toHost(b);
        assertArrayEquals(new float[] {-2, -4, -6, -8}, a);
        assertArrayEquals(new float[] {2, 4, 6, 8}, b);

        a[0] = 100f;                        // a host write, announced
        cl.hostWrote(a);
        float[] plain = new float[4];       // never adopted: synchronous
        cl.elementwise().scale(4, 1f, a, 0, plain, 0);
        assertArrayEquals(new float[] {100, -4, -6, -8}, plain);
        assertEquals(100f - 4 - 6 - 8, cl.reductions().reduce(lid.kernels.ReduceOp.SUM, 4, a, 0));

        int before = cl.adoptedArrays();
        long bytes = cl.residentBytes();
        cl.release(a);
        cl.release(b);
        assertEquals(before - 2, cl.adoptedArrays());
        assertTrue(cl.residentBytes() <= bytes - 32, "buffers of released arrays are freed");
    }

    @Test
    void garbageCollectedArraysLoseTheirBuffers() throws InterruptedException {
        OpenClKernels cl = TestBackend.openCl();
        int before = cl.adoptedArrays();
        for (int i = 0; i < 50; i++) {
            float[] a = new float[1000];
            cl.adopt(a);
            cl.elementwise().fill(1000, 1f, a, 0);
        }
        float[] probe = new float[1];
        for (int round = 0; round < 50 && cl.adoptedArrays() > before; round++) {
            System.gc();
            Thread.sleep(20);
            cl.elementwise().fill(1, 0f, probe, 0); // every call releases the buffers of collected arrays
        }
        assertTrue(cl.adoptedArrays() <= before, "adopted arrays left: " + cl.adoptedArrays() + ", before " + before);
    }

    @Test
    void aClosedBackendReleasesEverythingAndRefusesWork() {
        TestBackend.openCl();
        OpenClKernels own = OpenCl.open(0);
        float[] a = {1, 2};
        own.adopt(a);
        own.elementwise().scale(2, 3f, a, 0, a, 0);
        own.toHost(a);
        assertArrayEquals(new float[] {3, 6}, a);
        own.close();
        own.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> own.elementwise().fill(2, 0f, a, 0));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void devicesAreListedWithTheirProperties() {
        OpenClKernels cl = TestBackend.openCl();
        assertTrue(OpenCl.devices().size() >= 1);
        ClDeviceInfo d = OpenCl.devices().get(0);
        assertTrue(d.computeUnits() > 0 && d.globalMemBytes() > 0 && d.maxWorkGroupSize() > 0, d.describe());
        assertTrue(cl.device().startsWith("opencl:0 "), cl.device());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenCl.open(99));
        assertTrue(e.getMessage().contains("lid devices"), e.getMessage());
    }
}
