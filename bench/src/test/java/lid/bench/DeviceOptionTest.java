package lid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import lid.engine.Engine;
import lid.kernels.Kernels;
import lid.kernels.opencl.OpenCl;
import org.junit.jupiter.api.Test;

/** --device parsing, and ./lid devices / bench gemm --device opencl with or without an OpenCL platform. */
class DeviceOptionTest {

    private static DeviceOption of(String spec) {
        DeviceOption d = new DeviceOption();
        d.device = spec;
        return d;
    }

    @Test
    void parsesCpuAndOpenClDevices() {
        assertEquals(-1, of("cpu").openClIndex());
        assertEquals(0, of("opencl").openClIndex());
        assertEquals(3, of("opencl:3").openClIndex());
        for (String bad : new String[] {"gpu:x", "opencl:", "opencl:-1", "cuda", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(bad).openClIndex());
            assertTrue(e.getMessage().contains("cpu, scalar, vector, opencl or opencl:N"), e.getMessage());
        }
        assertEquals("cpu", of("cpu").kernels(1).device());
    }

    @Test
    void devicesAndGemmBenchNameTheDevice() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        Kernels before = Engine.kernels();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run("devices"));
            assertEquals(0, Main.run("bench", "gemm", "--device", "opencl", "--sizes", "33", "--threads", "1",
                    "--windows", "1", "--window-seconds", "0.05", "--format", "json"));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            Engine.use(before);
        }
        String o = out.toString(StandardCharsets.UTF_8), e = err.toString(StandardCharsets.UTF_8);
        assertTrue(o.startsWith("cpu "), o);
        if (OpenCl.available()) {
            assertTrue(o.contains("opencl:0 "), o);
            assertTrue(o.contains("\"device\":\"opencl:0 "), o);
        } else {
            assertTrue(o.contains("OpenCL: not available ("), o);
            assertEquals(1, e.lines().filter(l -> l.startsWith("OpenCL: not available")).count(), e);
            assertTrue(o.contains("\"device\":\"cpu\""), o);
        }
    }
}
