package lid.kernels;

/** Reductions; SUM_SQUARES is the sum of x^2. */
public enum ReduceOp { SUM, SUM_SQUARES, MAX, MIN }
