package lid.kernels;

/** Elementwise binary operations. */
public enum BinaryOp { ADD, SUB, MUL, DIV, MAX, MIN }
