package lid.kernels.opencl;

import lid.kernels.NormalizationKernels;
import org.jocl.cl_mem;

/** Softmax, layer norm and group norm (normalization.cl): one work group per normalised segment. */
final class ClNormalization implements lid.kernels.NormalizationKernels {
    private final ClSession s;

    ClNormalization(ClSession s) {
        this.s = s;
    }

    private int group() {
        return s.rt.reduceGroup;
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOff, float[] out, int outOff) {
        synchronized (s) {
            s.checkOpen();
            NormalizationKernels.Checks.softmax(rows, cols, x, xOff, out, outOff);
            if (rows == 0 || cols == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dout = c.out(out);
                s.rt.launch("softmax_rows").arg(cols).arg(dx).arg(xOff).arg(dout).arg(outOff).local(group())
                        .runGroups(rows, group());
            }
        }
    }

    @Override
    public void softmaxRowsBackward(int rows, int cols, float[] y, int yOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        synchronized (s) {
            s.checkOpen();
            NormalizationKernels.Checks.softmaxBackward(rows, cols, y, yOff, gradOut, gOff, gradIn, giOff);
            if (rows == 0 || cols == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dy = c.in(y), dg = c.in(gradOut), dgi = c.out(gradIn);
                s.rt.launch("softmax_rows_backward").arg(cols).arg(dy).arg(yOff).arg(dg).arg(gOff).arg(dgi).arg(giOff)
                        .local(group()).runGroups(rows, group());
            }
        }
    }

    @Override
    public void layerNorm(int rows, int cols, float eps, float[] x, int xOff, float[] gamma, float[] beta,
                   float[] out, int outOff, float[] mean, float[] rstd) {
        synchronized (s) {
            s.checkOpen();
            NormalizationKernels.Checks.layerNorm(rows, cols, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
            if (rows == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dg = c.optIn(gamma), db = c.optIn(beta), dout = c.out(out);
                cl_mem dm = c.out(mean), dr = c.out(rstd);
                s.rt.launch("layer_norm").arg(cols).arg(eps).arg(dx).arg(xOff).arg(gamma != null).arg(dg)
                        .arg(beta != null).arg(db).arg(dout).arg(outOff).arg(dm).arg(dr).local(group())
                        .runGroups(rows, group());
            }
        }
    }

    @Override
    public void layerNormBackward(int rows, int cols, float[] x, int xOff, float[] gamma, float[] mean, float[] rstd,
                           float[] gradOut, int gOff, float[] gradX, int gxOff, float[] gradGamma, float[] gradBeta) {
        synchronized (s) {
            s.checkOpen();
            NormalizationKernels.Checks.layerNormBackward(rows, cols, x, xOff, gamma, mean, rstd, gradOut, gOff, gradX, gxOff,
                    gradGamma, gradBeta);
            if (rows == 0 || cols == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dgam = c.optIn(gamma), dm = c.in(mean), dr = c.in(rstd), dg = c.in(gradOut);
                cl_mem dgx = c.out(gradX);
                s.rt.launch("layer_norm_backward_x").arg(cols).arg(dx).arg(xOff).arg(gamma != null).arg(dgam)
                        .arg(dm).arg(dr).arg(dg).arg(gOff).arg(dgx).arg(gxOff).local(group()).runGroups(rows, group());
                if (gradGamma != null || gradBeta != null) {
                    cl_mem dgg = c.optOut(gradGamma), dgb = c.optOut(gradBeta);
                    s.rt.launch("layer_norm_backward_affine").arg(rows).arg(cols).arg(dx).arg(xOff).arg(dm).arg(dr)
                            .arg(dg).arg(gOff).arg(gradGamma != null).arg(dgg).arg(gradBeta != null).arg(dgb).run(cols);
                }
            }
        }
    }

    @Override
    public void groupNorm(int batch, int channels, int spatial, int groups, float eps, float[] x, int xOff,
                   float[] gamma, float[] beta, float[] out, int outOff, float[] mean, float[] rstd) {
        synchronized (s) {
            s.checkOpen();
            NormalizationKernels.Checks.groupNorm(batch, channels, spatial, groups, eps, x, xOff, gamma, beta, out, outOff, mean, rstd);
            if (batch == 0 || groups == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dg = c.optIn(gamma), db = c.optIn(beta), dout = c.out(out);
                cl_mem dm = c.out(mean), dr = c.out(rstd);
                s.rt.launch("group_norm").arg(channels).arg(spatial).arg(groups).arg(eps).arg(dx).arg(xOff)
                        .arg(gamma != null).arg(dg).arg(beta != null).arg(db).arg(dout).arg(outOff).arg(dm).arg(dr)
                        .local(group()).runGroups((long) batch * groups, group());
            }
        }
    }

    @Override
    public void groupNormBackward(int batch, int channels, int spatial, int groups, float[] x, int xOff, float[] gamma,
                           float[] mean, float[] rstd, float[] gradOut, int gOff, float[] gradX, int gxOff,
                           float[] gradGamma, float[] gradBeta) {
        synchronized (s) {
            s.checkOpen();
            NormalizationKernels.Checks.groupNormBackward(batch, channels, spatial, groups, x, xOff, gamma, mean, rstd, gradOut, gOff,
                    gradX, gxOff, gradGamma, gradBeta);
            if (channels == 0 || groups == 0) {
                return;
            }
            try (ClCall c = s.call()) {
                cl_mem dx = c.in(x), dgam = c.optIn(gamma), dm = c.in(mean), dr = c.in(rstd), dg = c.in(gradOut);
                cl_mem dgx = c.out(gradX);
                if (batch > 0) {
                    s.rt.launch("group_norm_backward_x").arg(channels).arg(spatial).arg(groups).arg(dx).arg(xOff)
                            .arg(gamma != null).arg(dgam).arg(dm).arg(dr).arg(dg).arg(gOff).arg(dgx).arg(gxOff)
                            .local(group()).runGroups((long) batch * groups, group());
                }
                if (gradGamma != null || gradBeta != null) {
                    cl_mem dgg = c.optOut(gradGamma), dgb = c.optOut(gradBeta);
                    s.rt.launch("group_norm_backward_affine").arg(batch).arg(channels).arg(spatial).arg(groups)
                            .arg(dx).arg(xOff).arg(dm).arg(dr).arg(dg).arg(gOff)
                            .arg(gradGamma != null).arg(dgg).arg(gradBeta != null).arg(dgb).run(channels);
                }
            }
        }
    }
}
