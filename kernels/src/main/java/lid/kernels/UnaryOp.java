package lid.kernels;

/** Elementwise unary functions; {@link Kernels#unaryBackward} applies their derivatives. */
public enum UnaryOp {
    NEG, ABS, SQUARE, RECIPROCAL, EXP, LOG, SQRT, TANH, SIGMOID, RELU, SILU,
    /** GELU, tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) (PyTorch approximate="tanh"). */
    GELU
}
