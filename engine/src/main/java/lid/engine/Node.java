package lid.engine;

/**
 * One recorded op on the tape: its inputs and its VJP, which maps the gradient of the output to
 * one gradient per input (null where an input needs none). VJPs return new tensors or views,
 * or the output gradient itself, never another live tensor.
 */
final class Node {
    @FunctionalInterface
    interface Vjp {
        Tensor[] apply(Tensor gradOut);
    }

    final String op;
    final Tensor[] inputs;
    final Vjp vjp;

    Node(String op, Tensor[] inputs, Vjp vjp) {
        this.op = op;
        this.inputs = inputs;
        this.vjp = vjp;
    }
}
