package lid.engine;

import java.util.Arrays;
import lid.kernels.Kernels;

/**
 * An n-dimensional float32 array, row-major and contiguous from an offset into its storage,
 * with what autodiff needs: {@code requiresGrad}, the accumulated {@code grad} of a leaf, the
 * {@link Node} that produced it, and for forward mode a {@code tangent} of shape
 * [k, ...shape] (k directions pushed through the graph at once).
 *
 * <p>Views ({@link #reshape}, {@link #slice0}) share storage; anything else copies.
 * Lifetimes: see {@link Arena}; an explicitly released tensor cannot be read again.
 */
public final class Tensor {
    private final int[] shape;
    private final int size;
    private final Storage storage;
    private final int offset;

    boolean requiresGrad;
    Tensor grad;
    Node node;
    Tensor tangent;
    private boolean released;

    Tensor(Storage storage, int offset, int[] shape) {
        this.shape = shape;
        this.size = Shape.size(shape);
        this.storage = storage;
        this.offset = offset;
        Arena.register(this);
    }

    // ---- creation ---------------------------------------------------------------------------

    public static Tensor zeros(int... shape) {
        Shape.check(shape);
        return new Tensor(Storage.allocate(Shape.size(shape)), 0, shape.clone());
    }

    /** A tensor whose contents are undefined: for op outputs that write every element. */
    static Tensor empty(int... shape) {
        Shape.check(shape);
        return new Tensor(Storage.allocateUninitialized(Shape.size(shape)), 0, shape.clone());
    }

    /** A tensor holding a copy of {@code values}. */
    public static Tensor of(float[] values, int... shape) {
        Shape.check(shape);
        if (values.length != Shape.size(shape)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + Shape.size(shape)
                    + " values, got " + values.length);
        }
        Tensor t = zeros(shape);
        System.arraycopy(values, 0, t.data(), 0, values.length);
        return t;
    }

    /** A tensor over {@code values} itself (no copy); the caller must not resize it. */
    public static Tensor wrap(float[] values, int... shape) {
        Shape.check(shape);
        if (values.length != Shape.size(shape)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + Shape.size(shape)
                    + " values, got " + values.length);
        }
        return new Tensor(Storage.wrap(values), 0, shape.clone());
    }

    public static Tensor scalar(float v) {
        return of(new float[] {v});
    }

    public static Tensor full(float v, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data(), 0, t.size, v);
        return t;
    }

    /** Standard normal entries from the counter-based RNG: position i of stream (seed, stream). */
    public static Tensor randn(long seed, long stream, int... shape) {
        Tensor t = zeros(shape);
        Engine.kernels().randomNormal(seed, stream, 0, t.size, t.data(), 0);
        return t;
    }

    /** Uniform [0,1) entries from the counter-based RNG. */
    public static Tensor rand(long seed, long stream, int... shape) {
        Tensor t = zeros(shape);
        Engine.kernels().randomUniform(seed, stream, 0, t.size, t.data(), 0);
        return t;
    }

    // ---- shape and data ---------------------------------------------------------------------

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[Shape.axis(axis, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return size;
    }

    /** The backing array; this tensor's elements are data()[offset() .. offset()+size()). */
    public float[] data() {
        if (released) {
            throw new IllegalStateException("tensor " + Arrays.toString(shape) + " was released");
        }
        return storage.data();
    }

    public int offset() {
        return offset;
    }

    /** Element at a full index. */
    public float get(int... index) {
        return data()[offset + Shape.flatIndex(shape, index)];
    }

    public void set(float value, int... index) {
        data()[offset + Shape.flatIndex(shape, index)] = value;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (size != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, shape is " + Arrays.toString(shape));
        }
        return data()[offset];
    }

    /** A fresh array with this tensor's elements. */
    public float[] toArray() {
        return Arrays.copyOfRange(data(), offset, offset + size);
    }

    /** A contiguous copy with its own storage (no autodiff history). */
    public Tensor copy() {
        Tensor t = zeros(shape);
        System.arraycopy(data(), offset, t.data(), 0, size);
        return t;
    }

    /** Copies values from src (same size) into this tensor, in place, outside autodiff. */
    public void copyFrom(Tensor src) {
        if (src.size != size) {
            throw new IllegalArgumentException("copyFrom: sizes differ, " + Arrays.toString(src.shape) + " into "
                    + Arrays.toString(shape));
        }
        System.arraycopy(src.data(), src.offset, data(), offset, size);
    }

    /** A view with another shape of the same size (shares storage). Recorded for autodiff. */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /** Rows [from, to) of the first axis as a view (shares storage). Recorded for autodiff. */
    public Tensor slice0(int from, int to) {
        return ShapeOps.slice0(this, from, to);
    }

    /** A view sharing storage, for op implementations (no autodiff, no checks beyond size). */
    Tensor view(int newOffset, int[] newShape) {
        storage.retain();
        return new Tensor(storage, newOffset, newShape);
    }

    /** True when both tensors are views of one storage. */
    public boolean sharesStorage(Tensor other) {
        return storage == other.storage;
    }

    boolean sharesStorageWith(Tensor other) {
        return storage == other.storage;
    }

    /** Gives the storage back (to the pool when no view holds it); the tensor is unusable after. */
    public void release() {
        if (!released) {
            released = true;
            storage.release();
            if (tangent != null) {
                tangent.release();
                tangent = null;
            }
            node = null;
        }
    }

    public boolean isReleased() {
        return released || storage.released();
    }

    // ---- autodiff ---------------------------------------------------------------------------

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as needing a gradient (parameters); returns this. */
    public Tensor requiresGrad(boolean on) {
        if (node != null && !on) {
            throw new IllegalStateException("cannot turn off requiresGrad on a non-leaf; use detach()");
        }
        requiresGrad = on;
        return this;
    }

    /** Accumulated gradient of a leaf after {@link #backward()}, or null. */
    public Tensor grad() {
        return grad;
    }

    /** Drops the accumulated gradient (optimizers call this between steps). */
    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad.data(), grad.offset, grad.offset + grad.size, 0f);
        }
    }

    public boolean isLeaf() {
        return node == null;
    }

    /** Reverse mode from this one-element tensor: fills {@link #grad()} of every leaf that needs one. */
    public void backward() {
        Autodiff.backward(this, null);
    }

    /** Reverse mode with an explicit output gradient (same shape as this tensor). */
    public void backward(Tensor gradOutput) {
        Autodiff.backward(this, gradOutput);
    }

    /** The same values, cut from the graph (shares storage, no tangent). */
    public Tensor detach() {
        return view(offset, shape.clone());
    }

    /** Forward mode: the tangent [k, ...shape] carried by this tensor, or null. */
    public Tensor tangent() {
        return tangent;
    }

    /**
     * Attaches k tangent directions, shape [k, ...shape], to this tensor: every op applied to it
     * (and to what it produces) also pushes the tangents through (JVP). Returns this.
     */
    public Tensor withTangent(Tensor directions) {
        int[] ts = directions.shape;
        if (ts.length != shape.length + 1 || !Arrays.equals(Arrays.copyOfRange(ts, 1, ts.length), shape)) {
            throw new IllegalArgumentException("tangent must have shape [k, " + Arrays.toString(shape).replace("[", "")
                    + " got " + Arrays.toString(ts));
        }
        tangent = directions;
        return this;
    }

    // ---- common ops as methods (the op classes hold forward, VJP and JVP) --------------------

    public Tensor add(Tensor o) { return Arith.add(this, o); }
    public Tensor sub(Tensor o) { return Arith.sub(this, o); }
    public Tensor mul(Tensor o) { return Arith.mul(this, o); }
    public Tensor div(Tensor o) { return Arith.div(this, o); }
    public Tensor mul(float s) { return Arith.scale(this, s); }
    public Tensor add(float s) { return Arith.addScalar(this, s); }
    public Tensor matmul(Tensor o) { return Linalg.matmul(this, o); }
    public Tensor transpose() { return ShapeOps.transpose(this); }
    public Tensor sum() { return Reduce.sum(this); }
    public Tensor mean() { return Reduce.mean(this); }
    public Tensor square() { return Pointwise.square(this); }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Tensor").append(Arrays.toString(shape));
        if (!isReleased()) {
            float[] d = data();
            s.append(" [");
            for (int i = 0; i < Math.min(size, 8); i++) {
                s.append(i == 0 ? "" : ", ").append(d[offset + i]);
            }
            s.append(size > 8 ? ", ...]" : "]");
        } else {
            s.append(" (released)");
        }
        return s.toString();
    }

    static Kernels k() {
        return Engine.kernels();
    }
}
