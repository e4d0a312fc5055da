package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lid.datasets.Checks;
import lid.datasets.Dataset;
import lid.datasets.Datasets;
import lid.datasets.ImageShape;
import org.junit.jupiter.api.Test;

class BlobImagesTest {
    @Test
    void imagesHaveTheirShapeAndRange() {
        Dataset ds = Datasets.generate("blobs:d=3,size=16", 200, 1);
        assertEquals(new ImageShape(1, 16, 16), ds.image());
        assertEquals(256, ds.dim());
        for (float v : ds.x()) {
            assertTrue(v >= -1 && v <= 3, "2v - 1 with v the sum of two blobs");
        }
        for (int l : ds.lid()) {
            assertEquals(3, l);
        }
    }

    @Test
    void renderingIsAnImmersionOfTheParameters() {
        for (int d = 1; d <= 4; d++) {
            Rng rng = new Rng(d);
            for (int trial = 0; trial < 5; trial++) {
                float[] u = rng.uniform(d);
                double[] params = new double[d];
                for (int j = 0; j < d; j++) {
                    params[j] = 2 + 11 * u[j];
                }
                double[] jac = Checks.jacobian(p -> {
                    float[] img = new float[256];
                    BlobImages.render(p, 16, 1.5, img, 0);
                    double[] out = new double[256];
                    for (int i = 0; i < 256; i++) {
                        out[i] = img[i];
                    }
                    return out;
                }, params, 1e-2);
                double[] s = Checks.singularValues(jac, 256, d);
                assertTrue(s[d - 1] > 1e-3 * s[0], "d=" + d + ": the image moves in all d directions");
            }
        }
    }

    @Test
    void aBlobPeaksAtItsCentre() {
        float[] img = new float[64];
        BlobImages.render(new double[] {5, 2}, 8, 1.0, img, 0);
        assertEquals(1f, img[2 * 8 + 5], 1e-6f, "2 exp(0) - 1 at the centre pixel");
        assertEquals(2 * Math.exp(-0.5) - 1, img[2 * 8 + 6], 1e-6);
    }

    @Test
    void imageShapeIsDroppedWhenRotated() {
        assertEquals(null, Datasets.generate("blobs:size=8,D=100,embed=rotate", 10, 0).image());
    }
}
