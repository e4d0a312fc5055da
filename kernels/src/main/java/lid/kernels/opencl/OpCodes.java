package lid.kernels.opencl;

import lid.kernels.BinaryOp;
import lid.kernels.ReduceOp;
import lid.kernels.UnaryOp;
import lid.kernels.WeightFormat;

/** The integer codes the OpenCL kernels switch on (the #defines at the top of common.cl and quant.cl). */
final class OpCodes {
    private OpCodes() {}

    static int of(UnaryOp op) {
        return switch (op) {
            case NEG -> 0;
            case ABS -> 1;
            case SQUARE -> 2;
            case RECIPROCAL -> 3;
            case EXP -> 4;
            case LOG -> 5;
            case SQRT -> 6;
            case TANH -> 7;
            case SIGMOID -> 8;
            case RELU -> 9;
            case SILU -> 10;
            case GELU -> 11;
        };
    }

    static int of(BinaryOp op) {
        return switch (op) {
            case ADD -> 0;
            case SUB -> 1;
            case MUL -> 2;
            case DIV -> 3;
            case MAX -> 4;
            case MIN -> 5;
        };
    }

    static int of(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case SUM_SQUARES -> 1;
            case MAX -> 2;
            case MIN -> 3;
        };
    }

    static int of(WeightFormat f) {
        return switch (f) {
            case F32 -> 0;
            case BF16 -> 1;
            case F16 -> 2;
            case Q8 -> 3;
            case Q4 -> 4;
        };
    }
}
