package lid.bench.reproduce;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report plots of lid reproduce (PNG, headless, written atomically). */
final class Charts {
    private Charts() {}

    /** Lines with markers; series maps a name to {x[], y[]}. Non-positive values are dropped on log axes. */
    static void lines(Path png, String title, String xTitle, String yTitle, boolean logX, boolean logY,
                      Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(760).height(480).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendVisible(true);
        boolean any = false;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] x = e.getValue()[0], y = e.getValue()[1];
            int m = 0;
            double[] xs = new double[x.length], ys = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0)) {
                    xs[m] = x[i];
                    ys[m] = y[i];
                    m++;
                }
            }
            if (m == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(e.getKey(), java.util.Arrays.copyOf(xs, m), java.util.Arrays.copyOf(ys, m));
            s.setMarker(SeriesMarkers.CIRCLE);
            any = true;
        }
        if (!any) {
            return;
        }
        try {
            Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp.png");
            BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    /**
     * A heat map of values in [0, 1] (rows = y labels bottom to top, columns = x labels), each
     * cell coloured from white (0) to dark blue (1) and printed with its value; NaN cells are grey.
     * An optional diagonal marks x = y (the MoLRG theory's threshold N_k = d_k).
     */
    static void heatMap(Path png, String title, String xTitle, String yTitle, int[] xLabels, int[] yLabels,
                        double[][] values, boolean markDiagonal) {
        int cell = 40, top = 50, bottom = 60;
        // At least 640 px wide so a long title fits; the grid is centred in whatever width results.
        int grid = cell * xLabels.length;
        int w = Math.max(640, 90 + grid), h = top + cell * yLabels.length + bottom;
        int left = Math.max(70, (w - grid) / 2);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        centre(g, title, w / 2, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int r = 0; r < yLabels.length; r++) {
            int y = top + (yLabels.length - 1 - r) * cell;
            for (int c = 0; c < xLabels.length; c++) {
                int x = left + c * cell;
                double v = values[r][c];
                g.setColor(Double.isNaN(v) ? new Color(220, 220, 220) : shade(v));
                g.fillRect(x, y, cell, cell);
                g.setColor(new Color(255, 255, 255, 120));
                g.drawRect(x, y, cell, cell);
                if (!Double.isNaN(v)) {
                    g.setColor(v > 0.55 ? Color.WHITE : Color.BLACK);
                    centre(g, String.format(Locale.ROOT, "%.2f", v).replace("1.00", "1").replace("0.00", "0"),
                            x + cell / 2, y + cell / 2 + 4);
                }
            }
            g.setColor(Color.BLACK);
            centre(g, Integer.toString(yLabels[r]), left - 14, y + cell / 2 + 4);
        }
        for (int c = 0; c < xLabels.length; c++) {
            centre(g, Integer.toString(xLabels[c]), left + c * cell + cell / 2, top + yLabels.length * cell + 16);
        }
        if (markDiagonal) {
            g.setColor(new Color(214, 39, 40));
            g.setStroke(new BasicStroke(2f));
            for (int r = 0; r < yLabels.length; r++) {
                for (int c = 0; c < xLabels.length; c++) {
                    if (xLabels[c] == yLabels[r]) {
                        int x = left + c * cell, y = top + (yLabels.length - 1 - r) * cell;
                        g.drawRect(x + 1, y + 1, cell - 2, cell - 2);
                    }
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        centre(g, xTitle, left + cell * xLabels.length / 2, h - 18);
        g.rotate(-Math.PI / 2);
        centre(g, yTitle, -(top + cell * yLabels.length / 2), 18);
        g.dispose();
        try {
            Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp.png");
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static Color shade(double v) {
        double t = Math.max(0, Math.min(1, v));
        return new Color((int) (247 - t * (247 - 8)), (int) (251 - t * (251 - 48)), (int) (255 - t * (255 - 107)));
    }

    private static void centre(Graphics2D g, String s, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x - fm.stringWidth(s) / 2, y);
    }
}
