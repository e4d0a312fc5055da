package lid.bench.reproduce;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import lid.datasets.ImageShape;

/**
 * PNG-compressed size of an image in [-1, 1] (the FLIPD paper's complexity proxy): pixels mapped
 * to 8 bits, greyscale or RGB, encoded by the JDK's PNG writer, bytes counted.
 */
final class PngSize {
    private PngSize() {}

    static int bytes(float[] x, int offset, ImageShape shape) {
        int h = shape.height(), w = shape.width(), c = shape.channels();
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int xx = 0; xx < w; xx++) {
                for (int ch = 0; ch < Math.min(c, 3); ch++) {
                    float v = x[offset + (ch * h + y) * w + xx]; // CHW
                    r.setSample(xx, y, ch, Math.max(0, Math.min(255, Math.round((v + 1) * 127.5f))));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }
}
