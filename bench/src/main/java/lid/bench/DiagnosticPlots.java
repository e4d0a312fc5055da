package lid.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import lid.estimators.ConfiguredEstimator;
import lid.estimators.EstimationInput;
import lid.datasets.spec.Params;
import lid.estimators.diffusion.Flipd;
import lid.estimators.diffusion.Kneedle;
import lid.estimators.diffusion.NormalBundle;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Per-estimator diagnostics for a few points (one per component where possible): FLIPD curves
 * over t0 with the Kneedle knee marked, and normal-bundle singular-value spectra. They reuse the
 * estimators' cached artifacts, so they cost little beyond the estimates themselves.
 */
final class DiagnosticPlots {
    private DiagnosticPlots() {}

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    /** Query positions to show: the first point of each component, at most six. */
    static int[] pick(int[] component, int queries) {
        java.util.LinkedHashMap<Integer, Integer> first = new java.util.LinkedHashMap<>();
        for (int q = 0; q < queries && first.size() < PALETTE.length; q++) {
            first.putIfAbsent(component[q], q);
        }
        return first.values().stream().mapToInt(Integer::intValue).toArray();
    }

    static void flipdCurves(Path png, EstimationInput in, ConfiguredEstimator ce, int[] show, int[] truth) throws IOException {
        Params o = ce.options();
        double[] ts = Flipd.kneeWindow(o.integer("grid"));
        double[][] curves = Flipd.curves(in, o, ts);
        XYChart chart = new XYChartBuilder().width(720).height(480).title("FLIPD curves (" + ce.spec() + "), knees marked")
                .xAxisTitle("t0").yAxisTitle("FLIPD").build();
        for (int i = 0; i < show.length; i++) {
            int q = show[i];
            XYSeries s = chart.addSeries("point " + in.query(q) + " (true LID " + truth[q] + ")", ts, curves[q]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[i]);
            int k = Kneedle.kneeIndex(ts, curves[q], 1.0);
            if (k >= 0) {
                XYSeries knee = chart.addSeries("knee " + in.query(q), new double[] {ts[k]}, new double[] {curves[q][k]});
                knee.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                knee.setMarker(SeriesMarkers.DIAMOND);
                knee.setMarkerColor(PALETTE[i]);
                knee.setShowInLegend(false);
            }
        }
        save(chart, png);
    }

    static void normalBundleSpectra(Path png, EstimationInput in, ConfiguredEstimator ce, int[] show, int[] truth)
            throws IOException {
        NormalBundle nb = (NormalBundle) ce.estimator();
        double[][] spectra = nb.artifact(in, ce.options());
        XYChart chart = new XYChartBuilder().width(720).height(480).title("normal bundle spectra (" + ce.spec() + ")")
                .xAxisTitle("index i").yAxisTitle("log10 singular value").build();
        for (int i = 0; i < show.length; i++) {
            int q = show[i];
            double[] s = spectra[q];
            double[] x = new double[s.length], y = new double[s.length];
            for (int j = 0; j < s.length; j++) {
                x[j] = j + 1;
                y[j] = Math.log10(Math.max(s[j], 1e-30));
            }
            XYSeries ser = chart.addSeries("point " + in.query(q) + " (true LID " + truth[q] + ")", x, y);
            ser.setMarker(SeriesMarkers.NONE);
            ser.setLineColor(PALETTE[i]);
        }
        save(chart, png);
    }

    private static void save(XYChart chart, Path png) throws IOException {
        Path tmp = png.resolveSibling("." + png.getFileName() + ".tmp.png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
