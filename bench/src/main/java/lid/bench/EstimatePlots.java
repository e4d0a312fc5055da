package lid.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Estimate-versus-truth scatter plots (PNG, headless), one per estimator column. */
final class EstimatePlots {
    private EstimatePlots() {}

    static void estimateVsTruth(Path png, String title, double[] estimate, int[] truth) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(480).title(title)
                .xAxisTitle("true LID").yAxisTitle("estimate").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setMarkerSize(4);
        int n = estimate.length;
        double[] x = new double[n], y = new double[n];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int m = 0;
        java.util.Random jitter = new java.util.Random(0);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(estimate[i])) {
                continue;
            }
            x[m] = truth[i] + 0.15 * (jitter.nextDouble() - 0.5); // jitter so stacked points show
            y[m] = estimate[i];
            lo = Math.min(lo, Math.min(truth[i], estimate[i]));
            hi = Math.max(hi, Math.max(truth[i], estimate[i]));
            m++;
        }
        if (m == 0) {
            return;
        }
        XYSeries pts = chart.addSeries("points", java.util.Arrays.copyOf(x, m), java.util.Arrays.copyOf(y, m));
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pts.setMarker(SeriesMarkers.CIRCLE);
        pts.setMarkerColor(new Color(31, 119, 180, 90));
        XYSeries diag = chart.addSeries("estimate = truth", new double[] {lo, hi}, new double[] {lo, hi});
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(Color.GRAY);
        Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp.png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A file-name-safe version of an estimator spec ("flipd:t0=knee" -> "flipd_t0-knee"). */
    static String safeName(String spec) {
        return spec.replace(':', '_').replace('=', '-').replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
