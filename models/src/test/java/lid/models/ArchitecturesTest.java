package lid.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lid.datasets.ImageShape;
import lid.engine.Arena;
import lid.engine.Tensor;
import lid.models.nets.Architectures;
import lid.models.nets.ScoreNet;
import lid.models.noise.VpSde;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {
    private static Architectures.Context ctx(int dim) {
        return new Architectures.Context(dim, null, null, VpSde.standard(), 3);
    }

    @Test
    void mlpUnetHasThePapersTwelveLayers() {
        Architectures.Built b = Architectures.resolve("mlp-unet", ctx(10));
        Map<String, Tensor> p = b.net().namedParameters();
        int[][] want = {{4096, 138}, {2048, 4096}, {1024, 2048}, {1024, 1024}, {512, 1024}, {512, 512}, // enc1..6
            {512, 1024}, {1024, 1536}, {1024, 2048}, {2048, 3072}, {4096, 6144}, {10, 4096 + 138}};       // dec5..1, out
        String[] names = {"enc1", "enc2", "enc3", "enc4", "enc5", "enc6", "dec5", "dec4", "dec3", "dec2", "dec1", "out"};
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(want[i], p.get(names[i] + ".weight").shape(), names[i]);
        }
        assertEquals(24, p.size());
        assertEquals("mlp-unet:widths=4096-2048-1024-1024-512-512,temb=128", b.arch());
    }

    @Test
    void smMlpWidthIsMaxOf2DAnd128() {
        assertEquals("sm-mlp:depth=4,time=64,class=64,width=200", Architectures.resolve("sm-mlp", ctx(100)).arch());
        Architectures.Built small = Architectures.resolve("sm-mlp", ctx(20));
        assertArrayEquals(new int[] {128, 20 + 128}, small.net().namedParameters().get("linear0.weight").shape());
        assertTrue(small.net().namedParameters().containsKey("norm3.weight"));
    }

    @Test
    void everyArchitectureMapsBatchesToBatchesAndCarriesTangents() {
        ImageShape img = new ImageShape(2, 8, 8);
        String[][] cases = {{"mlp:widths=32-32,ln=true", "6"}, {"mlp-unet:widths=32-16-16", "6"}, {"sm-mlp:width=32", "6"},
            {"molrg:dims=2-3", "6"}, {"unet:ch=8,mult=1-2,groups=4", "128"}};
        for (String[] c : cases) {
            int dim = Integer.parseInt(c[1]);
            ScoreNet net = Architectures.resolve(c[0], new Architectures.Context(dim, dim == 128 ? img : null, null,
                    VpSde.standard(), 1)).net();
            try (Arena arena = Arena.open()) {
                Tensor x = Tensor.randn(4, 0, 3, dim);
                Tensor t = Tensor.of(new float[] {0.1f, 0.5f, 0.9f}, 3);
                Tensor u = Tensor.randn(4, 1, 1, 3, dim);
                Tensor y = net.forward(x.detach().withTangent(u), t);
                assertArrayEquals(new int[] {3, dim}, y.shape(), c[0]);
                // JVP against a central difference (float32: h = 1e-2, loose tolerance)
                float h = 1e-2f;
                Tensor up = net.forward(x.add(u.reshape(3, dim).mul(h)), t);
                Tensor dn = net.forward(x.sub(u.reshape(3, dim).mul(h)), t);
                float[] fd = up.sub(dn).mul(1 / (2 * h)).toArray(), jvp = y.tangent().toArray();
                double scale = 0;
                for (float v : fd) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < fd.length; i++) {
                    assertEquals(fd[i], jvp[i], 2e-2 * scale + 1e-3, c[0] + " JVP[" + i + "]");
                }
            }
        }
    }

    @Test
    void badArchitecturesSayWhatIsValid() {
        var e = assertThrows(IllegalArgumentException.class, () -> Architectures.resolve("transformer", ctx(4)));
        assertTrue(e.getMessage().contains("valid: mlp, mlp-unet, sm-mlp, unet, molrg"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Architectures.resolve("mlp:depth=3", ctx(4)));
        assertTrue(e2.getMessage().contains("valid: widths=512-512-512-512, temb=128, ln=false"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Architectures.resolve("mlp:widths=a-b", ctx(4)));
        assertTrue(e3.getMessage().contains("widths"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> Architectures.resolve("unet", ctx(64)));
        assertTrue(e4.getMessage().contains("image"), e4.getMessage());
        var e5 = assertThrows(IllegalArgumentException.class, () -> Architectures.resolve("molrg", ctx(8)));
        assertTrue(e5.getMessage().contains("dims"), e5.getMessage());
    }
}
