package lid.datasets.generators;

import java.util.List;
import lid.datasets.spec.ParamInfo;
import lid.datasets.spec.Params;

/**
 * The toy mixed-dimension sets of FLIPD's benchmark (layer6ai-labs/dgm_geometry
 * data/distributions; benchmarks.md 2.2) and LIDL's lollipop (benchmarks.md 5).
 */
public final class ToyDistributions {
    private ToyDistributions() {}

    public static List<GeneratorInfo> entries() {
        return List.of(
                new GeneratorInfo("lollipop",
                        "FLIPD lollipop in R^2: candy = uniform disc centre (3,3) radius r (radius via sqrt U); stick = uniform segment from "
                                + "(1.5,1.5) to the disc boundary point towards it; dot = the point (0,0); masses candy:stick:dot. "
                                + "Component = LID as in the reference",
                        "2 / 1 / 0 (candy / stick / dot)",
                        List.of(ParamInfo.of("radius", "1", "candy radius"),
                                ParamInfo.of("candy", "4", "relative mass of the candy"),
                                ParamInfo.of("stick", "2", "relative mass of the stick"),
                                ParamInfo.of("dot", "1", "relative mass of the dot")),
                        ToyDistributions::lollipop),
                new GeneratorInfo("lidl_lollipop",
                        "LIDL lollipop in R^2: uniform unit disc centred (2,2) (share 1 - stick) and the segment from (0,0) to "
                                + "(2 - 1/sqrt 2, 2 - 1/sqrt 2); component 0 = disc, 1 = stick",
                        "2 / 1 (disc / stick)",
                        List.of(ParamInfo.of("stick", "0.05", "share of the points on the stick")),
                        ToyDistributions::lidlLollipop),
                new GeneratorInfo("swiss_roll",
                        "sklearn make_swiss_roll (FLIPD swiss_roll): t = 1.5 pi (1 + 2u), (t cos t, 21 v, t sin t), u, v ~ U(0,1); non-uniform on the surface",
                        "2", List.of(), ToyDistributions::swissRoll),
                new GeneratorInfo("torus_circle",
                        "FLIPD 'string within a doughnut' in R^3: with probability mix a point on the core circle of radius R in z=0 "
                                + "(component 0), else on the torus surface with minor radius r (component 1); both angles uniform",
                        "1 / 2 (circle / torus)",
                        List.of(ParamInfo.of("R", "10", "major radius"),
                                ParamInfo.of("r", "1", "minor radius"),
                                ParamInfo.of("mix", "0.5", "probability of the circle (0 = torus only)")),
                        ToyDistributions::torusCircle));
    }

    static Points lollipop(Params p, int n, Rng rng) {
        double radius = p.positive("radius");
        double candy = p.real("candy", 0);
        double stick = p.real("stick", 0);
        double dot = p.real("dot", 0);
        double total = candy + stick + dot;
        if (total <= 0) {
            throw p.error("candy + stick + dot must be > 0");
        }
        double cx = 3;
        double cy = 3;
        double ex = 1.5;
        double ey = 1.5;
        if (radius >= Math.hypot(ex - cx, ey - cy)) {
            throw p.error("radius=" + radius + " reaches the stick's end (1.5, 1.5); use radius < " + Math.hypot(ex - cx, ey - cy));
        }
        double dist = Math.hypot(ex - cx, ey - cy);
        double sx = radius / dist * ex + (1 - radius / dist) * cx;
        double sy = radius / dist * ey + (1 - radius / dist) * cy;
        float[] r = rng.uniform(n);
        float[] angle = rng.uniform(n);
        float[] coeff = rng.uniform(n);
        float[] decision = rng.uniform(n);
        float[] x = new float[2 * n];
        int[] lid = new int[n];
        double pCandy = candy / total;
        double pStick = stick / total;
        for (int i = 0; i < n; i++) {
            if (decision[i] < pCandy) {
                double rr = Math.sqrt(r[i]) * radius;
                double a = 2 * Math.PI * angle[i];
                x[2 * i] = (float) (cx + rr * Math.cos(a));
                x[2 * i + 1] = (float) (cy + rr * Math.sin(a));
                lid[i] = 2;
            } else if (decision[i] < pCandy + pStick) {
                double c = coeff[i];
                x[2 * i] = (float) (c * sx + (1 - c) * ex);
                x[2 * i + 1] = (float) (c * sy + (1 - c) * ey);
                lid[i] = 1;
            } else {
                lid[i] = 0; // the dot at (0, 0)
            }
        }
        return new Points(2, x, lid, lid.clone());
    }

    static Points lidlLollipop(Params p, int n, Rng rng) {
        double share = p.real("stick", 0);
        if (share > 1) {
            throw p.error("stick=" + share + " must be a share in [0, 1]");
        }
        double end = 2 - 1 / Math.sqrt(2);
        float[] r = rng.uniform(n);
        float[] angle = rng.uniform(n);
        float[] t = rng.uniform(n);
        float[] decision = rng.uniform(n);
        float[] x = new float[2 * n];
        int[] lid = new int[n];
        int[] comp = new int[n];
        for (int i = 0; i < n; i++) {
            if (decision[i] >= share) {
                double rr = Math.sqrt(r[i]);
                double a = 2 * Math.PI * angle[i];
                x[2 * i] = (float) (2 + rr * Math.cos(a));
                x[2 * i + 1] = (float) (2 + rr * Math.sin(a));
                lid[i] = 2;
            } else {
                x[2 * i] = (float) (t[i] * end);
                x[2 * i + 1] = (float) (t[i] * end);
                lid[i] = 1;
                comp[i] = 1;
            }
        }
        return new Points(2, x, lid, comp);
    }

    static Points swissRoll(Params p, int n, Rng rng) {
        float[] u = rng.uniform(n);
        float[] v = rng.uniform(n);
        float[] x = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double t = 1.5 * Math.PI * (1 + 2 * (double) u[i]);
            x[3 * i] = (float) (t * Math.cos(t));
            x[3 * i + 1] = (float) (21.0 * v[i]);
            x[3 * i + 2] = (float) (t * Math.sin(t));
        }
        return Points.single(3, x, 2);
    }

    static Points torusCircle(Params p, int n, Rng rng) {
        double major = p.positive("R");
        double minor = p.positive("r");
        double mix = p.real("mix", 0);
        if (mix > 1) {
            throw p.error("mix=" + mix + " must be a probability in [0, 1]");
        }
        if (minor >= major) {
            throw p.error("the minor radius r=" + minor + " must be smaller than the major radius R=" + major);
        }
        float[] theta = rng.uniform(n);
        float[] phi = rng.uniform(n);
        float[] decision = rng.uniform(n);
        float[] x = new float[3 * n];
        int[] lid = new int[n];
        int[] comp = new int[n];
        for (int i = 0; i < n; i++) {
            double th = 2 * Math.PI * theta[i];
            double ph = 2 * Math.PI * phi[i];
            comp[i] = decision[i] > mix ? 1 : 0;
            lid[i] = 1 + comp[i];
            double ring = comp[i] == 1 ? major + minor * Math.cos(ph) : major;
            x[3 * i] = (float) (ring * Math.cos(th));
            x[3 * i + 1] = (float) (ring * Math.sin(th));
            x[3 * i + 2] = comp[i] == 1 ? (float) (minor * Math.sin(ph)) : 0f;
        }
        return new Points(3, x, lid, comp);
    }
}
