package lid.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Scatter plots of 2-D and 3-D points as PNG (XChart, headless): one panel for D = 2, the three
 * coordinate-pair panels side by side for D = 3. Reference points (the data) are drawn in grey
 * under the samples. Written to a temporary file, then renamed into place.
 */
final class ScatterPlot {
    private ScatterPlot() {}

    static void write(Path png, String title, float[] samples, int n, float[] reference, int m, int dim) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int[][] pairs = dim == 2 ? new int[][] {{0, 1}} : new int[][] {{0, 1}, {0, 2}, {1, 2}};
        int size = 600;
        BufferedImage canvas = new BufferedImage(size * pairs.length, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        for (int p = 0; p < pairs.length; p++) {
            XYChart chart = new XYChartBuilder().width(size).height(size)
                    .title(pairs.length == 1 ? title : title + " (x" + pairs[p][0] + ", x" + pairs[p][1] + ")")
                    .xAxisTitle("x" + pairs[p][0]).yAxisTitle("x" + pairs[p][1]).build();
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            chart.getStyler().setMarkerSize(3);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            if (reference != null && m > 0) {
                series(chart, "data", reference, m, dim, pairs[p], new Color(160, 160, 160, 120));
            }
            series(chart, "samples", samples, n, dim, pairs[p], new Color(20, 90, 200, 150));
            g.drawImage(BitmapEncoder.getBufferedImage(chart), p * size, 0, null);
        }
        g.dispose();
        Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp");
        if (png.toAbsolutePath().getParent() != null) {
            Files.createDirectories(png.toAbsolutePath().getParent());
        }
        ImageIO.write(canvas, "png", tmp.toFile());
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void series(XYChart chart, String name, float[] x, int n, int dim, int[] pair, Color color) {
        double[] a = new double[n], b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = x[i * dim + pair[0]];
            b[i] = x[i * dim + pair[1]];
        }
        XYSeries s = chart.addSeries(name, a, b);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }
}
