package lid.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import lid.datasets.generators.GeneratorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @Test
    void theFormsOfDesignMdWorkAsWritten() {
        Object[][] forms = {
            {"sphere:d=16,D=64,embed=rotate", 64, new int[] {16}},
            {"affine:D=10,dims=2-4-8,latent=uniform", 10, new int[] {2, 4, 8}},
            {"affine:D=10,dims=2-4-8,latent=gaussian", 10, new int[] {2, 4, 8}},
            {"affine:D=10,dims=2-4-8,latent=laplace", 10, new int[] {2, 4, 8}},
            {"molrg:D=48,dims=4-8", 48, new int[] {4, 8}},
            {"gaussian:D=20,d=5", 20, new int[] {5}},
            {"lollipop", 2, new int[] {0, 1, 2}},
            {"swiss_roll", 3, new int[] {2}},
            {"torus_circle", 3, new int[] {1, 2}},
        };
        for (Object[] f : forms) {
            Dataset ds = Datasets.generate((String) f[0], 600, 0);
            assertEquals(600, ds.n(), (String) f[0]);
            assertEquals(f[1], ds.dim(), (String) f[0]);
            assertArrayEquals((int[]) f[2], Arrays.stream(ds.lid()).distinct().sorted().toArray(), (String) f[0]);
            assertEquals(f[0], ds.spec());
        }
    }

    @Test
    void everyGeneratorIsDeterministicForASeedAndLabelsEveryPoint() {
        for (GeneratorInfo g : Datasets.generators()) {
            String spec = g.name().equals("rqnsf") ? "rqnsf:blocks=2" : g.name();
            int n = g.name().startsWith("sm_") || g.name().equals("M10d_Cubic") ? 40 : 120;
            Dataset a = Datasets.generate(spec, n, 42);
            Dataset b = Datasets.generate(spec, n, 42);
            Dataset c = Datasets.generate(spec, n, 43);
            assertArrayEquals(a.x(), b.x(), g.name());
            assertArrayEquals(a.lid(), b.lid(), g.name());
            assertArrayEquals(a.component(), b.component(), g.name());
            assertFalse(Arrays.equals(a.x(), c.x()), g.name() + " ignores the seed");
            assertTrue(a.hasGroundTruth(), g.name());
            for (float v : a.x()) {
                assertTrue(Float.isFinite(v), g.name());
            }
        }
    }

    @Test
    void everyGeneratorDescribesItsParameters() {
        assertTrue(Datasets.generators().size() >= 48);
        for (GeneratorInfo g : Datasets.generators()) {
            assertFalse(g.summary().isBlank(), g.name());
            assertFalse(g.lid().isBlank(), g.name());
            List<String> keys = Datasets.parameters(g).stream().map(p -> p.name()).toList();
            assertTrue(keys.contains("D") && keys.contains("noise") && keys.contains("embed"), g.name() + " " + keys);
            assertEquals(keys.size(), keys.stream().distinct().count(), g.name() + " lists a key twice");
            Datasets.parameters(g).forEach(p -> assertFalse(p.description().isBlank(), g.name() + "." + p.name()));
        }
    }

    @Test
    void badInputGetsClearMessages() {
        String unknown = error("spheer:d=2");
        assertTrue(unknown.startsWith("unknown dataset generator 'spheer' (did you mean sphere?); valid: sphere, ball"), unknown);
        assertTrue(unknown.contains("M1_Sphere") && unknown.contains("molrg"), unknown);
        String param = error("sphere:dim=3");
        assertTrue(param.startsWith("dataset generator 'sphere' has no option 'dim'; valid: d=2, radius=1, D=<"), param);
        assertTrue(error("gaussian:D=3,d=5").contains("d=5 is larger than D=3"));
        assertTrue(error("molrg:D=4,dims=2-8").contains("component dimension 8 is larger than D=4"));
        assertTrue(error("affine:D=4,dims=2-8").contains("component dimension 8 is larger than D=4"));
        assertTrue(error("sphere:d=0").contains("option d=0: must be an integer >= 1"));
        assertTrue(error("sphere:d=2,").contains("malformed dataset SPEC"));
        assertTrue(error("M4_Nonlinear:D=10").contains("must be a multiple of 2d=8"));
        assertTrue(error("clifford:d=4,D=6").contains("smaller than 2d=8"));
        String n = assertThrows(IllegalArgumentException.class, () -> Datasets.generate("sphere", 0, 0)).getMessage();
        assertEquals("the number of points must be >= 1, got n=0", n);
        assertThrows(IllegalArgumentException.class, () -> Datasets.generate("sphere", -5, 0));
    }

    @Test
    void loadAcceptsSpecsAndFiles(@TempDir Path dir) {
        Dataset ds = Datasets.load("torus_circle", 300, 9);
        Path out = dir.resolve("tc.npy");
        Datasets.save(ds, out);
        Dataset back = Datasets.load(out.toString(), 0, 9);
        assertArrayEquals(ds.x(), back.x());
        assertArrayEquals(ds.lid(), back.lid());
        assertArrayEquals(ds.component(), back.component());
        assertEquals(100, Datasets.load(out.toString(), 100, 9).n(), "a smaller n keeps the first rows");
        assertTrue(Datasets.isFile("data/my.CSV"));
        assertFalse(Datasets.isFile("sphere:d=2"));
        var txt = dir.resolve("data.txt");
        assertDoesNotThrow(() -> java.nio.file.Files.writeString(txt, "1,2\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.load(txt.toString(), 0, 0))
                .getMessage().endsWith("data files must end with .npy or .csv"));
        var missing = assertThrows(IllegalArgumentException.class, () -> Datasets.load(dir.resolve("none.npy").toString(), 0, 0));
        assertTrue(missing.getMessage().contains("does not exist"));
    }

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Datasets.generate(spec, 10, 0)).getMessage();
    }
}
