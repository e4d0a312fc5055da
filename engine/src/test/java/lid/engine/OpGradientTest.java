package lid.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import lid.kernels.UnaryOp;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every differentiable op: forward, VJP and JVP against a double-precision reference (see {@link GradCheck}). */
class OpGradientTest {
    private static final boolean[] T1 = {true};
    private static final boolean[] T2 = {true, true};

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static int[] s(int... d) {
        return d;
    }

    private static GradCheck.Case binary(String name, int[] as, int[] bs, java.util.function.BinaryOperator<Tensor> op,
                                         DoubleBinaryOperator f, DoubleUnaryOperator domain) {
        return new GradCheck.Case(name + " " + java.util.Arrays.toString(as) + " " + java.util.Arrays.toString(bs),
                new int[][] {as, bs}, T2, in -> op.apply(in[0], in[1]), x -> Ref.broadcast(x[0], as, x[1], bs, f), domain);
    }

    private static GradCheck.Case unary(UnaryOp op, DoubleUnaryOperator f, DoubleUnaryOperator domain) {
        int[] sh = {3, 17};
        return new GradCheck.Case("unary " + op, new int[][] {sh}, T1, in -> Pointwise.apply(op, in[0]), x -> {
            double[] y = new double[x[0].length];
            for (int i = 0; i < y.length; i++) {
                y[i] = f.applyAsDouble(x[0][i]);
            }
            return y;
        }, domain);
    }

    static List<GradCheck.Case> cases() {
        List<GradCheck.Case> c = new ArrayList<>();
        DoubleUnaryOperator any = x -> x;
        DoubleUnaryOperator positive = x -> Math.abs(x) + 0.5;
        int[][][] pairs = {
            {s(4, 5), s(4, 5)}, {s(4, 5), s(5)}, {s(4, 5), s(4, 1)}, {s(5), s(4, 5)}, {s(4, 1), s(1, 5)},
            {s(2, 3, 4), s(3, 1)}, {s(2, 3, 4), s(1)}, {s(1), s(2, 3)}};
        for (int[][] p : pairs) {
            c.add(binary("add", p[0], p[1], Arith::add, Double::sum, any));
            c.add(binary("sub", p[0], p[1], Arith::sub, (x, y) -> x - y, any));
            c.add(binary("mul", p[0], p[1], Arith::mul, (x, y) -> x * y, any));
            c.add(binary("div", p[0], p[1], Arith::div, (x, y) -> x / y, positive));
        }
        c.add(new GradCheck.Case("scale", new int[][] {s(3, 4)}, T1, in -> Arith.scale(in[0], -1.5f),
                x -> java.util.Arrays.stream(x[0]).map(v -> -1.5 * v).toArray()));
        c.add(new GradCheck.Case("addScalar", new int[][] {s(3, 4)}, T1, in -> Arith.addScalar(in[0], 0.25f),
                x -> java.util.Arrays.stream(x[0]).map(v -> v + 0.25).toArray()));
        c.add(unary(UnaryOp.SILU, Ref::silu, any));
        c.add(unary(UnaryOp.GELU, Ref::gelu, any));
        c.add(unary(UnaryOp.TANH, Math::tanh, any));
        c.add(unary(UnaryOp.SIGMOID, x -> 1 / (1 + Math.exp(-x)), any));
        c.add(unary(UnaryOp.EXP, Math::exp, any));
        c.add(unary(UnaryOp.LOG, Math::log, positive));
        c.add(unary(UnaryOp.SQRT, Math::sqrt, positive));
        c.add(unary(UnaryOp.SQUARE, x -> x * x, any));
        c.add(unary(UnaryOp.RECIPROCAL, x -> 1 / x, positive));
        c.add(unary(UnaryOp.NEG, x -> -x, any));
        c.add(unary(UnaryOp.ABS, Math::abs, positive));
        c.add(unary(UnaryOp.RELU, x -> Math.max(0, x), positive));
        c.add(new GradCheck.Case("sum", new int[][] {s(3, 5)}, T1, in -> Reduce.sum(in[0]),
                x -> new double[] {java.util.Arrays.stream(x[0]).sum()}));
        c.add(new GradCheck.Case("mean", new int[][] {s(3, 5)}, T1, in -> Reduce.mean(in[0]),
                x -> new double[] {java.util.Arrays.stream(x[0]).average().orElse(0)}));
        for (int axis = 0; axis < 3; axis++) {
            final int ax = axis;
            c.add(new GradCheck.Case("sum axis " + axis, new int[][] {s(2, 3, 4)}, T1, in -> Reduce.sum(in[0], ax, false),
                    x -> sumAxis(x[0], new int[] {2, 3, 4}, ax, 1.0)));
            c.add(new GradCheck.Case("mean axis " + axis, new int[][] {s(2, 3, 4)}, T1,
                    in -> Reduce.mean(in[0], ax, true), x -> sumAxis(x[0], new int[] {2, 3, 4}, ax, 1.0 / new int[] {2, 3, 4}[ax])));
        }
        c.add(new GradCheck.Case("reshape", new int[][] {s(2, 6)}, T1, in -> in[0].reshape(3, -1).mul(in[0].reshape(3, 4)),
                x -> java.util.Arrays.stream(x[0]).map(v -> v * v).toArray()));
        c.add(new GradCheck.Case("slice0", new int[][] {s(5, 3)}, T1, in -> in[0].slice0(1, 4).square(),
                x -> java.util.Arrays.stream(java.util.Arrays.copyOfRange(x[0], 3, 12)).map(v -> v * v).toArray()));
        c.add(new GradCheck.Case("slice axis 1", new int[][] {s(2, 5, 3)}, T1, in -> ShapeOps.slice(in[0], 1, 1, 3), x -> {
            double[] y = new double[2 * 2 * 3];
            for (int a = 0; a < 2; a++) {
                System.arraycopy(x[0], a * 15 + 3, y, a * 6, 6);
            }
            return y;
        }));
        c.add(new GradCheck.Case("concat axis 1", new int[][] {s(2, 3), s(2, 2)}, T2, in -> ShapeOps.concat(1, in[0], in[1]),
                x -> new double[] {x[0][0], x[0][1], x[0][2], x[1][0], x[1][1], x[0][3], x[0][4], x[0][5], x[1][2], x[1][3]}));
        c.add(new GradCheck.Case("concat, one tangent", new int[][] {s(2, 3), s(2, 2)}, new boolean[] {false, true},
                in -> ShapeOps.concat(-1, in[0], in[1]),
                x -> new double[] {x[0][0], x[0][1], x[0][2], x[1][0], x[1][1], x[0][3], x[0][4], x[0][5], x[1][2], x[1][3]}));
        c.add(new GradCheck.Case("transpose", new int[][] {s(2, 3, 4)}, T1, in -> ShapeOps.transpose(in[0]), x -> {
            double[] y = new double[24];
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        y[b * 12 + j * 3 + i] = x[0][b * 12 + i * 4 + j];
                    }
                }
            }
            return y;
        }));
        c.add(new GradCheck.Case("matmul 2d", new int[][] {s(3, 4), s(4, 5)}, T2, in -> Linalg.matmul(in[0], in[1]),
                x -> Ref.matmul(x[0], x[1], 3, 4, 5)));
        c.add(new GradCheck.Case("matmul 3d x 2d", new int[][] {s(2, 3, 4), s(4, 5)}, T2, in -> Linalg.matmul(in[0], in[1]),
                x -> Ref.matmul(x[0], x[1], 6, 4, 5)));
        c.add(new GradCheck.Case("matmul batched", new int[][] {s(2, 3, 4), s(2, 4, 5)}, T2, in -> Linalg.matmul(in[0], in[1]),
                x -> {
                    double[] y = new double[30];
                    for (int b = 0; b < 2; b++) {
                        double[] p = Ref.matmul(java.util.Arrays.copyOfRange(x[0], b * 12, b * 12 + 12),
                                java.util.Arrays.copyOfRange(x[1], b * 20, b * 20 + 20), 3, 4, 5);
                        System.arraycopy(p, 0, y, b * 15, 15);
                    }
                    return y;
                }));
        c.add(new GradCheck.Case("linear", new int[][] {s(4, 6), s(5, 6), s(5)}, new boolean[] {true, false, false},
                in -> Linalg.linear(in[0], in[1], in[2]), x -> {
                    double[] y = new double[20];
                    for (int i = 0; i < 4; i++) {
                        for (int o = 0; o < 5; o++) {
                            double s = x[2][o];
                            for (int j = 0; j < 6; j++) {
                                s += x[0][i * 6 + j] * x[1][o * 6 + j];
                            }
                            y[i * 5 + o] = s;
                        }
                    }
                    return y;
                }));
        for (lid.kernels.WeightFormat f : lid.kernels.WeightFormat.values()) {
            // the weight is fixed (quantized once); the reference uses its dequantized values
            float[] wf = new float[5 * 40];
            java.util.Random wr = new java.util.Random(5);
            for (int i = 0; i < wf.length; i++) {
                wf[i] = (float) wr.nextGaussian();
            }
            lid.kernels.QuantizedMatrix qm = lid.kernels.QuantizedMatrix.quantize(f, 5, 40, wf, 0);
            float[] deq = qm.dequantize();
            c.add(new GradCheck.Case("qlinear " + f, new int[][] {s(3, 40), s(5)}, new boolean[] {true, false},
                    in -> QLinear.apply(in[0], qm, in[1]), x -> {
                        double[] y = new double[15];
                        for (int i = 0; i < 3; i++) {
                            for (int o = 0; o < 5; o++) {
                                double sum = x[1][o];
                                for (int j = 0; j < 40; j++) {
                                    sum += x[0][i * 40 + j] * deq[o * 40 + j];
                                }
                                y[i * 5 + o] = sum;
                            }
                        }
                        return y;
                    }));
        }
        c.add(new GradCheck.Case("softmax", new int[][] {s(3, 7)}, T1, in -> Norms.softmax(in[0]),
                x -> Ref.softmaxRows(x[0], 3, 7)));
        c.add(new GradCheck.Case("layerNorm affine", new int[][] {s(4, 9), s(9), s(9)}, new boolean[] {true, false, false},
                in -> Norms.layerNorm(in[0], in[1], in[2], 1e-5f),
                x -> Ref.normRuns(x[0], 4, 9, 1e-5, x[1], x[2], 9, 1, 1)));
        c.add(new GradCheck.Case("layerNorm plain", new int[][] {s(5, 8)}, T1, in -> Norms.layerNorm(in[0], null, null, 1e-5f),
                x -> Ref.normRuns(x[0], 5, 8, 1e-5, null, null, 8, 1, 1)));
        c.add(new GradCheck.Case("groupNorm", new int[][] {s(2, 6, 3, 2), s(6), s(6)}, new boolean[] {true, false, false},
                in -> Norms.groupNorm(in[0], 3, in[1], in[2], 1e-5f),
                x -> Ref.normRuns(x[0], 2 * 3, 2 * 6, 1e-5, x[1], x[2], 2, 6, 3)));
        c.add(new GradCheck.Case("conv2d s1 p1", new int[][] {s(2, 3, 5, 4), s(4, 3, 3, 3), s(4)},
                new boolean[] {true, false, false}, in -> Conv.conv2d(in[0], in[1], in[2], 1, 1),
                x -> Ref.conv2d(x[0], x[1], x[2], 2, 3, 5, 4, 4, 3, 3, 1, 1)));
        c.add(new GradCheck.Case("conv2d s2 p0", new int[][] {s(1, 2, 7, 6), s(3, 2, 2, 3), s(3)},
                new boolean[] {true, false, false}, in -> Conv.conv2d(in[0], in[1], in[2], 2, 0),
                x -> Ref.conv2d(x[0], x[1], x[2], 1, 2, 7, 6, 3, 2, 3, 2, 0)));
        for (lid.kernels.WeightFormat f : lid.kernels.WeightFormat.values()) {
            // a 4x3x3x3 kernel quantized once (cols 27: one partial block); stride 1 pad 1 and stride 2 pad 0
            float[] wf = new float[4 * 27];
            java.util.Random wr = new java.util.Random(7);
            for (int i = 0; i < wf.length; i++) {
                wf[i] = (float) wr.nextGaussian();
            }
            lid.kernels.QuantizedMatrix qm = lid.kernels.QuantizedMatrix.quantize(f, 4, 27, wf, 0);
            double[] deq = toDouble(qm.dequantize());
            c.add(new GradCheck.Case("qconv2d s1 p1 " + f, new int[][] {s(2, 3, 5, 4), s(4)}, new boolean[] {true, false},
                    in -> QConv.conv2d(in[0], qm, 3, 3, in[1], 1, 1),
                    x -> Ref.conv2d(x[0], deq, x[1], 2, 3, 5, 4, 4, 3, 3, 1, 1)));
            c.add(new GradCheck.Case("qconv2d s2 p0 " + f, new int[][] {s(1, 3, 7, 6), s(4)}, new boolean[] {true, false},
                    in -> QConv.conv2d(in[0], qm, 3, 3, in[1], 2, 0),
                    x -> Ref.conv2d(x[0], deq, x[1], 1, 3, 7, 6, 4, 3, 3, 2, 0)));
        }
        c.add(new GradCheck.Case("avgPool2d", new int[][] {s(2, 2, 4, 6)}, T1, in -> Conv.avgPool2d(in[0], 2), x -> {
            double[] y = new double[2 * 2 * 2 * 3];
            for (int p = 0; p < 4; p++) {
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 3; j++) {
                        double s = 0;
                        for (int a = 0; a < 2; a++) {
                            for (int b = 0; b < 2; b++) {
                                s += x[0][p * 24 + (2 * i + a) * 6 + 2 * j + b];
                            }
                        }
                        y[p * 6 + i * 3 + j] = s / 4;
                    }
                }
            }
            return y;
        }));
        c.add(new GradCheck.Case("upsampleNearest", new int[][] {s(1, 2, 2, 3)}, T1, in -> Conv.upsampleNearest(in[0], 2), x -> {
            double[] y = new double[2 * 4 * 6];
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 6; j++) {
                        y[p * 24 + i * 6 + j] = x[0][p * 6 + (i / 2) * 3 + j / 2];
                    }
                }
            }
            return y;
        }));
        c.add(new GradCheck.Case("sinusoidal", new int[][] {s(3)}, T1, in -> Embed.sinusoidal(in[0], 8, 2f), x -> {
            double[] y = new double[24];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    double w = Math.exp(-Math.log(10000.0) * j / 3) * 2;
                    y[i * 8 + j] = Math.sin(x[0][i] * w);
                    y[i * 8 + 4 + j] = Math.cos(x[0][i] * w);
                }
            }
            return y;
        }));
        return c;
    }

    private static double[] sumAxis(double[] x, int[] shape, int ax, double scale) {
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) {
            outer *= shape[i];
        }
        for (int i = ax + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int len = shape[ax];
        double[] y = new double[outer * inner];
        for (int a = 0; a < outer; a++) {
            for (int l = 0; l < len; l++) {
                for (int i = 0; i < inner; i++) {
                    y[a * inner + i] += scale * x[(a * len + l) * inner + i];
                }
            }
        }
        return y;
    }

    @TestFactory
    Stream<DynamicTest> everyOpAgainstDoubleReference() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> GradCheck.run(c, c.name().hashCode())));
    }
}
