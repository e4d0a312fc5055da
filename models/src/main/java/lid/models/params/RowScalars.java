package lid.models.params;

import java.util.function.DoubleUnaryOperator;
import lid.engine.Tensor;

/**
 * A per-row scalar (a function of each row's time) applied to a [B, ...] tensor. When every row
 * has the same value (estimators evaluate one t) it is a plain scale; otherwise a [B, 1]
 * broadcast product. Both keep forward-mode tangents flowing through the tensor.
 */
public final class RowScalars {
    private final double[] values;
    private final boolean uniform;

    private RowScalars(double[] values) {
        this.values = values;
        boolean u = true;
        for (double v : values) {
            u &= v == values[0];
        }
        this.uniform = u;
    }

    /** f(t_i) for each row time t_i. */
    public static RowScalars of(float[] times, DoubleUnaryOperator f) {
        double[] v = new double[times.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(times[i]);
        }
        return new RowScalars(v);
    }

    public static RowScalars of(double[] values) {
        return new RowScalars(values.clone());
    }

    public double get(int row) {
        return values[row];
    }

    public int rows() {
        return values.length;
    }

    /** True when every row's value is 0. */
    public boolean isZero() {
        return uniform && values[0] == 0;
    }

    /** True when every row's value is 1. */
    public boolean isOne() {
        return uniform && values[0] == 1;
    }

    /** x * value(row), x of shape [B, ...]. */
    public Tensor times(Tensor x) {
        if (isOne()) {
            return x;
        }
        if (uniform) {
            return x.mul((float) values[0]);
        }
        int[] s = new int[x.rank()];
        java.util.Arrays.fill(s, 1);
        s[0] = values.length;
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return x.mul(Tensor.of(f, s));
    }

    /** Elementwise map of the values. */
    public RowScalars map(DoubleUnaryOperator f) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(values[i]);
        }
        return new RowScalars(v);
    }
}
