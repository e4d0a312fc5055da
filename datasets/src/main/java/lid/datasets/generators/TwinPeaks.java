package lid.datasets.generators;

import java.util.List;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/** skdim hyperTwinPeaks (benchmarks.md 4.1): u ~ U[0,1]^d plus the height height * prod sin(2 pi u_i). */
public final class TwinPeaks {
    private TwinPeaks() {}

    static final List<ParamInfo> PARAMS = List.of(
            Spheres.D_SMALL, ParamInfo.of("height", "1", "height of the peaks"));

    public static List<GeneratorInfo> entries() {
        return List.of(new GeneratorInfo("twin_peaks",
                "u ~ U[0,1]^d with one more coordinate height * prod_i sin(2 pi u_i), in R^(d+1) (skdim hyperTwinPeaks)",
                "d", PARAMS, TwinPeaks::sample));
    }

    static Points sample(Params p, int n, Rng rng) {
        int d = p.integer("d", 1);
        double height = p.real("height");
        float[] u = rng.uniform(n * d);
        int m = d + 1;
        float[] x = new float[n * m];
        for (int i = 0; i < n; i++) {
            double prod = 1;
            for (int j = 0; j < d; j++) {
                double v = u[i * d + j];
                x[i * m + j] = (float) v;
                prod *= Math.sin(2 * Math.PI * v);
            }
            x[i * m + d] = (float) (height * prod);
        }
        return Points.single(m, x, d);
    }
}
