package lid.kernels;

/**
 * Reference elementwise kernels: one plain float loop each, functions from {@link Math}.
 * Vectors x, y, out, gradOut, gradIn: n contiguous floats from their offsets; out may be x or y
 * at the same offset (in place). binaryRows / binaryCols: x and out [rows,cols] row-major,
 * contiguous (row stride cols); v a row vector [cols] or a column vector [rows].
 *
 * <p>{@link #apply(UnaryOp, float)} and {@link #derivative(UnaryOp, float)} are the formulas
 * every backend follows: the Vector API kernels evaluate the same operations in the same
 * order, lane by lane, with exp / log / tanh from {@link FastMath} (within 2 ulp of Math's)
 * instead of {@link Math}.
 */
public final class ScalarElementwise implements ElementwiseKernels {
    /** The reference (stateless, single-threaded). */
    public static final ScalarElementwise INSTANCE = new ScalarElementwise();
    private ScalarElementwise() {}

    /** sqrt(2/pi), the GELU tanh-approximation constant. */
    static final float GELU_K = 0.7978845608028654f;
    /** The cubic coefficient of the GELU tanh approximation. */
    static final float GELU_C = 0.044715f;

    @Override
    public void unary(UnaryOp op, int n, float[] x, int xOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.unary(op, n, x, xOff, out, outOff);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = apply(op, x[xOff + i]);
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, int n, float[] x, int xOff, float[] gradOut, int gOff, float[] gradIn, int giOff) {
        ElementwiseKernels.Checks.unaryBackward(op, n, x, xOff, gradOut, gOff, gradIn, giOff);
        for (int i = 0; i < n; i++) {
            gradIn[giOff + i] = gradOut[gOff + i] * derivative(op, x[xOff + i]);
        }
    }

    @Override
    public void binary(BinaryOp op, int n, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.binary(op, n, x, xOff, y, yOff, out, outOff);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = apply(op, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void binaryRows(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.broadcast(op, rows, cols, x, xOff, v, vOff, cols, out, outOff);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[outOff + i * cols + j] = apply(op, x[xOff + i * cols + j], v[vOff + j]);
            }
        }
    }

    @Override
    public void binaryCols(BinaryOp op, int rows, int cols, float[] x, int xOff, float[] v, int vOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.broadcast(op, rows, cols, x, xOff, v, vOff, rows, out, outOff);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[outOff + i * cols + j] = apply(op, x[xOff + i * cols + j], v[vOff + i]);
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        ElementwiseKernels.Checks.axpy(n, x, xOff, y, yOff);
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void scale(int n, float alpha, float[] x, int xOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.scale(n, x, xOff, out, outOff);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = alpha * x[xOff + i];
        }
    }

    @Override
    public void clamp(int n, float lo, float hi, float[] x, int xOff, float[] out, int outOff) {
        ElementwiseKernels.Checks.clamp(n, lo, hi, x, xOff, out, outOff);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
        }
    }

    @Override
    public void fill(int n, float value, float[] out, int outOff) {
        ElementwiseKernels.Checks.fill(n, out, outOff);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = value;
        }
    }

    /** op(x) in float; IEEE results (NaN, +-Inf) outside the domain, never an exception. */
    static float apply(UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1f / x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> 1f / (1f + (float) Math.exp(-x));
            case RELU -> Math.max(x, 0f);
            case SILU -> x * (1f / (1f + (float) Math.exp(-x)));
            case GELU -> {
                float t = (float) Math.tanh(GELU_K * (x + GELU_C * (x * x * x)));
                yield 0.5f * x * (1f + t);
            }
        };
    }

    /**
     * op'(x) in float. ABS and RELU take 0 at 0 (the subgradient PyTorch uses); LOG gives 1/x
     * and SQRT 0.5/sqrt(x) wherever those are defined in IEEE arithmetic.
     */
    static float derivative(UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -1f;
            case ABS -> Math.signum(x);
            case SQUARE -> 2f * x;
            case RECIPROCAL -> {
                float r = 1f / x;
                yield -(r * r);
            }
            case EXP -> (float) Math.exp(x);
            case LOG -> 1f / x;
            case SQRT -> 0.5f / (float) Math.sqrt(x);
            case TANH -> {
                float t = (float) Math.tanh(x);
                yield 1f - t * t;
            }
            case SIGMOID -> {
                float s = 1f / (1f + (float) Math.exp(-x));
                yield s * (1f - s);
            }
            case RELU -> x > 0f ? 1f : 0f;
            case SILU -> {
                float s = 1f / (1f + (float) Math.exp(-x));
                yield s * (1f + x * (1f - s));
            }
            case GELU -> {
                float x2 = x * x;
                float t = (float) Math.tanh(GELU_K * (x + GELU_C * (x2 * x)));
                float du = GELU_K * (1f + 3f * GELU_C * x2);
                yield 0.5f * (1f + t) + 0.5f * x * (1f - t * t) * du;
            }
        };
    }

    /** a op b in float; MAX and MIN follow {@link Math#max(float, float)} (NaN wins, -0 < +0). */
    static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }
}
