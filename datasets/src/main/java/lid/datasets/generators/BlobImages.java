package lid.datasets.generators;

import java.util.List;
import lid.datasets.ImageShape;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * Small greyscale images with a known LID, for image models (UNet): each image is the sum of
 * ceil(d/2) Gaussian blobs of width sigma on a size x size grid, rescaled as 2v - 1; the d
 * continuous parameters are the blobs' centres (x and y, each uniform in [margin, size-1-margin];
 * when d is odd the last blob moves along the middle row only). The rendering is smooth and, away
 * from coinciding blobs (a null set), an immersion of the d-dimensional parameter box, so every
 * image has LID d. Rows are [1, size, size] images in C order.
 */
public final class BlobImages {
    private BlobImages() {}

    public static List<GeneratorInfo> entries() {
        return List.of(new GeneratorInfo("blobs",
                "size x size greyscale images of ceil(d/2) Gaussian blobs whose centres are the d parameters; pixels 2v - 1",
                "d",
                List.of(ParamInfo.of("d", "2", "number of continuous parameters (blob coordinates)"),
                        ParamInfo.of("size", "16", "image height and width in pixels"),
                        ParamInfo.of("sigma", "1.5", "blob width in pixels"),
                        ParamInfo.of("margin", "2", "centres keep this distance (pixels) from the border")),
                BlobImages::sample));
    }

    static Points sample(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        int size = p.integer("size", 2);
        double sigma = p.positive("sigma");
        double margin = p.real("margin", 0);
        if (size - 1 - 2 * margin <= 0) {
            throw p.error("margin=" + margin + " leaves no room for the centres in a " + size + "x" + size + " image");
        }
        float[] u = rng.uniform(n * d);
        int dim = size * size;
        float[] x = new float[n * dim];
        double[] params = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                params[j] = margin + (size - 1 - 2 * margin) * u[i * d + j];
            }
            render(params, size, sigma, x, i * dim);
        }
        Points pts = Points.single(dim, x, d);
        return new Points(dim, x, pts.lid(), pts.component(), null, new ImageShape(1, size, size));
    }

    /** Renders the image of the parameters (centre coordinates in pixels) into out[off .. off + size^2). */
    static void render(double[] params, int size, double sigma, float[] out, int off) {
        int d = params.length;
        int blobs = (d + 1) / 2;
        double inv = 1 / (2 * sigma * sigma);
        double middle = (size - 1) / 2.0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double v = 0;
                for (int b = 0; b < blobs; b++) {
                    double cx = params[2 * b];
                    double cy = 2 * b + 1 < d ? params[2 * b + 1] : middle;
                    double dx = c - cx;
                    double dy = r - cy;
                    v += Math.exp(-(dx * dx + dy * dy) * inv);
                }
                out[off + r * size + c] = (float) (2 * v - 1);
            }
        }
    }
}
