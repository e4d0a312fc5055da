package lid.kernels;

import static lid.kernels.TestSupport.SCALAR;
import static lid.kernels.TestSupport.VECTOR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every kernel of this group rejects bad arguments with an IllegalArgumentException whose
 * message names the argument, and both backends reject them with the same message (the
 * checks live in one place per group).
 */
class BadArgumentsTest {

    private record Case(String what, String argument, Consumer<Kernels> call) {}

    private static final float[] A = new float[8];

    private static List<Case> cases() {
        float[] a4 = new float[4];
        float[] a6 = new float[6];
        List<Case> c = new ArrayList<>();
        // elementwise
        c.add(new Case("unary null op", "op", k -> k.elementwise().unary(null, 4, A, 0, A, 0)));
        c.add(new Case("unary negative n", "n", k -> k.elementwise().unary(UnaryOp.EXP, -1, A, 0, A, 0)));
        c.add(new Case("unary null x", "x", k -> k.elementwise().unary(UnaryOp.EXP, 4, null, 0, A, 0)));
        c.add(new Case("unary short x", "x", k -> k.elementwise().unary(UnaryOp.EXP, 4, a4, 1, A, 0)));
        c.add(new Case("unary negative offset", "x offset", k -> k.elementwise().unary(UnaryOp.EXP, 4, A, -1, A, 0)));
        c.add(new Case("unary short out", "out", k -> k.elementwise().unary(UnaryOp.EXP, 5, A, 0, a4, 0)));
        c.add(new Case("backward short gradOut", "gradOut", k -> k.elementwise().unaryBackward(UnaryOp.TANH, 5, A, 0, a4, 0, A, 0)));
        c.add(new Case("backward short gradIn", "gradIn", k -> k.elementwise().unaryBackward(UnaryOp.TANH, 5, A, 0, A, 0, a4, 0)));
        c.add(new Case("backward null op", "op", k -> k.elementwise().unaryBackward(null, 5, A, 0, A, 0, A, 0)));
        c.add(new Case("binary short y", "y", k -> k.elementwise().binary(BinaryOp.ADD, 5, A, 0, a4, 0, A, 0)));
        c.add(new Case("binary null op", "op", k -> k.elementwise().binary(null, 5, A, 0, A, 0, A, 0)));
        c.add(new Case("binaryRows short v", "v", k -> k.elementwise().binaryRows(BinaryOp.MUL, 1, 5, A, 0, a4, 0, A, 0)));
        c.add(new Case("binaryRows negative rows", "rows", k -> k.elementwise().binaryRows(BinaryOp.MUL, -2, 2, A, 0, A, 0, A, 0)));
        c.add(new Case("binaryRows short x", "x", k -> k.elementwise().binaryRows(BinaryOp.MUL, 3, 3, A, 0, A, 0, A, 0)));
        c.add(new Case("binaryCols short v", "v", k -> k.elementwise().binaryCols(BinaryOp.SUB, 5, 1, A, 0, a4, 0, A, 0)));
        c.add(new Case("binaryCols negative cols", "cols", k -> k.elementwise().binaryCols(BinaryOp.SUB, 1, -1, A, 0, A, 0, A, 0)));
        c.add(new Case("axpy short y", "y", k -> k.elementwise().axpy(5, 1f, A, 0, a4, 0)));
        c.add(new Case("scale null out", "out", k -> k.elementwise().scale(2, 1f, A, 0, null, 0)));
        c.add(new Case("clamp lo > hi", "lo", k -> k.elementwise().clamp(2, 1f, 0f, A, 0, A, 0)));
        c.add(new Case("clamp NaN hi", "hi", k -> k.elementwise().clamp(2, 0f, Float.NaN, A, 0, A, 0)));
        c.add(new Case("fill short out", "out", k -> k.elementwise().fill(3, 1f, a4, 2)));
        // reductions
        c.add(new Case("reduce null op", "op", k -> k.reductions().reduce(null, 3, A, 0)));
        c.add(new Case("reduce short x", "x", k -> k.reductions().reduce(ReduceOp.SUM, 9, A, 0)));
        c.add(new Case("reduce negative n", "n", k -> k.reductions().reduce(ReduceOp.SUM, -1, A, 0)));
        c.add(new Case("reduce MAX of nothing", "MAX", k -> k.reductions().reduce(ReduceOp.MAX, 0, A, 0)));
        c.add(new Case("reduceRows short out", "out", k -> k.reductions().reduceRows(ReduceOp.SUM, 5, 1, A, 0, a4, 0)));
        c.add(new Case("reduceCols short out", "out", k -> k.reductions().reduceCols(ReduceOp.SUM, 1, 5, A, 0, a4, 0)));
        c.add(new Case("reduceCols short x", "x", k -> k.reductions().reduceCols(ReduceOp.SUM, 3, 3, A, 0, A, 0)));
        c.add(new Case("dot short y", "y", k -> k.reductions().dot(5, A, 0, a4, 0)));
        c.add(new Case("norm2 null x", "x", k -> k.reductions().norm2(1, null, 0)));
        // softmax and normalisation
        c.add(new Case("softmax short out", "out", k -> k.normalization().softmaxRows(2, 3, A, 0, a4, 0)));
        c.add(new Case("softmax negative cols", "cols", k -> k.normalization().softmaxRows(2, -3, A, 0, A, 0)));
        c.add(new Case("softmax backward short gradIn", "gradIn", k -> k.normalization().softmaxRowsBackward(2, 3, A, 0, A, 0, a4, 0)));
        c.add(new Case("softmax backward short y", "y", k -> k.normalization().softmaxRowsBackward(3, 3, A, 0, A, 0, A, 0)));
        c.add(new Case("layerNorm short gamma", "gamma", k -> k.normalization().layerNorm(1, 5, 1e-5f, A, 0, a4, null, A, 0, A, A)));
        c.add(new Case("layerNorm short beta", "beta", k -> k.normalization().layerNorm(1, 5, 1e-5f, A, 0, null, a4, A, 0, A, A)));
        c.add(new Case("layerNorm short mean", "mean", k -> k.normalization().layerNorm(5, 1, 1e-5f, A, 0, null, null, A, 0, a4, A)));
        c.add(new Case("layerNorm null rstd", "rstd", k -> k.normalization().layerNorm(2, 2, 1e-5f, A, 0, null, null, A, 0, A, null)));
        c.add(new Case("layerNorm negative eps", "eps", k -> k.normalization().layerNorm(2, 2, -1e-5f, A, 0, null, null, A, 0, A, A)));
        c.add(new Case("layerNorm NaN eps", "eps", k -> k.normalization().layerNorm(2, 2, Float.NaN, A, 0, null, null, A, 0, A, A)));
        c.add(new Case("layerNormBackward short gradGamma", "gradGamma",
                k -> k.normalization().layerNormBackward(1, 5, A, 0, null, A, A, A, 0, A, 0, a4, null)));
        c.add(new Case("layerNormBackward short gradX", "gradX",
                k -> k.normalization().layerNormBackward(1, 5, A, 0, null, A, A, A, 0, a4, 0, null, null)));
        c.add(new Case("layerNormBackward short gradOut", "gradOut",
                k -> k.normalization().layerNormBackward(1, 5, A, 0, null, A, A, a4, 0, A, 0, null, null)));
        c.add(new Case("groupNorm zero groups", "groups",
                k -> k.normalization().groupNorm(1, 4, 2, 0, 1e-5f, A, 0, null, null, A, 0, A, A)));
        c.add(new Case("groupNorm groups not dividing channels", "groups",
                k -> k.normalization().groupNorm(1, 4, 2, 3, 1e-5f, A, 0, null, null, A, 0, A, A)));
        c.add(new Case("groupNorm short mean", "mean",
                k -> k.normalization().groupNorm(3, 2, 1, 2, 1e-5f, A, 0, null, null, A, 0, a4, A)));
        c.add(new Case("groupNorm short x", "x",
                k -> k.normalization().groupNorm(2, 4, 2, 2, 1e-5f, A, 0, null, null, new float[16], 0, A, A)));
        c.add(new Case("groupNorm short gamma", "gamma",
                k -> k.normalization().groupNorm(1, 6, 1, 2, 1e-5f, A, 0, a4, null, A, 0, A, A)));
        c.add(new Case("groupNorm negative spatial", "spatial",
                k -> k.normalization().groupNorm(1, 2, -1, 1, 1e-5f, A, 0, null, null, A, 0, A, A)));
        c.add(new Case("groupNormBackward short gradBeta", "gradBeta",
                k -> k.normalization().groupNormBackward(1, 6, 1, 2, A, 0, null, A, A, A, 0, A, 0, null, a4)));
        c.add(new Case("groupNormBackward short rstd", "rstd",
                k -> k.normalization().groupNormBackward(5, 2, 1, 1, new float[10], 0, null, A, a4, new float[10], 0, new float[10], 0, null, null)));
        // convolution
        c.add(new Case("im2col zero kh", "kh", k -> k.convolution().im2col(1, 2, 2, 0, 1, 1, 1, 0, 0, a4, 0, A, 0)));
        c.add(new Case("im2col zero strideW", "strideW", k -> k.convolution().im2col(1, 2, 2, 1, 1, 1, 0, 0, 0, a4, 0, A, 0)));
        c.add(new Case("im2col negative padH", "padH", k -> k.convolution().im2col(1, 2, 2, 1, 1, 1, 1, -1, 0, a4, 0, A, 0)));
        c.add(new Case("im2col kernel larger than padded image", "kw",
                k -> k.convolution().im2col(1, 2, 2, 1, 5, 1, 1, 0, 1, a4, 0, A, 0)));
        c.add(new Case("im2col short col", "col", k -> k.convolution().im2col(1, 3, 3, 2, 2, 1, 1, 0, 0, new float[9], 0, A, 0)));
        c.add(new Case("im2col short image", "image", k -> k.convolution().im2col(1, 3, 3, 2, 2, 1, 1, 0, 0, A, 0, new float[16], 0)));
        c.add(new Case("im2col negative channels", "channels", k -> k.convolution().im2col(-1, 2, 2, 1, 1, 1, 1, 0, 0, a4, 0, A, 0)));
        c.add(new Case("col2im short image", "image", k -> k.convolution().col2im(1, 3, 3, 2, 2, 1, 1, 0, 0, new float[16], 0, A, 0)));
        c.add(new Case("col2im null col", "col", k -> k.convolution().col2im(1, 2, 2, 1, 1, 1, 1, 0, 0, null, 0, a4, 0)));
        // random
        c.add(new Case("uniform negative offset", "offset", k -> k.random().randomUniform(1, 2, -1, 3, A, 0)));
        c.add(new Case("normal negative n", "n", k -> k.random().randomNormal(1, 2, 0, -3, A, 0)));
        c.add(new Case("rademacher short out", "out", k -> k.random().randomRademacher(1, 2, 0, 5, a6, 2)));
        c.add(new Case("uniform overflowing offset", "offset", k -> k.random().randomUniform(1, 2, Long.MAX_VALUE - 2, 5, A, 0)));
        c.add(new Case("normal null out", "out", k -> k.random().randomNormal(1, 2, 0, 1, null, 0)));
        return c;
    }

    @TestFactory
    List<DynamicTest> badArgumentsAreRejectedAlikeByBothBackends() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.what(), () -> {
                IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> c.call().accept(SCALAR), "scalar");
                IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> c.call().accept(VECTOR2), "vector");
                assertTrue(s.getMessage().contains(c.argument()), "message should name " + c.argument() + ": " + s.getMessage());
                assertEquals(s.getMessage(), v.getMessage(), "both backends give the same message");
            }));
        }
        return tests;
    }
}
