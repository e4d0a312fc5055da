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
        Tensor t = empty(shape);
        System.arraycopy(values, 0, t.overwrite(), 0, values.length);
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
        Tensor t = empty(shape);
        if (Engine.resident()) {
            Engine.kernels().elementwise().fill(t.size, v, t.dev(), 0);
        } else {
            Arrays.fill(t.dev(), 0, t.size, v);
        }
        return t;
    }

    /** Standard normal entries from the counter-based RNG: position i of stream (seed, stream). */
    public static Tensor randn(long seed, long stream, int... shape) {
        Tensor t = empty(shape);
        Engine.kernels().random().randomNormal(seed, stream, 0, t.size, t.dev(), 0);
        return t;
    }

    /** Uniform [0,1) entries from the counter-based RNG. */
    public static Tensor rand(long seed, long stream, int... shape) {
        Tensor t = empty(shape);
        Engine.kernels().random().randomUniform(seed, stream, 0, t.size, t.dev(), 0);
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

    /**
     * The backing array for host code; this tensor's elements are data()[offset() ..
     * offset()+size()). On a device backend this brings the values to the host and treats them
     * as written by the host afterwards (the next kernel uploads them); read-only callers may
     * prefer {@link #toArray()} or {@link #get}.
     */
    public float[] data() {
        checkLive();
        return storage.data();
    }

    /** The backing array for host code that only reads it (no upload at the next kernel). */
    float[] read() {
        checkLive();
        return storage.read();
    }

    /**
     * Engine-internal: the backing array as an argument of a {@link Kernels} call, with no
     * transfer, so on a device backend its host copy may be stale. Op code passes tensors to
     * kernels with this and reads or writes them on the host only through {@link #data()}.
     */
    public float[] dev() {
        checkLive();
        return storage.dev();
    }

    /**
     * The backing array for host code that writes every element of this tensor before reading
     * any: skips the download when the tensor spans its whole storage (else as {@link #data()}).
     */
    float[] overwrite() {
        checkLive();
        return offset == 0 && size == storage.capacity() ? storage.overwrite() : storage.data();
    }

    private void checkLive() {
        if (released) {
            throw new IllegalStateException("tensor " + Arrays.toString(shape) + " was released");
        }
    }

    public int offset() {
        return offset;
    }

    /** Element at a full index. */
    public float get(int... index) {
        return read()[offset + Shape.flatIndex(shape, index)];
    }

    public void set(float value, int... index) {
        data()[offset + Shape.flatIndex(shape, index)] = value;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (size != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, shape is " + Arrays.toString(shape));
        }
        return read()[offset];
    }

    /** A fresh array with this tensor's elements. */
    public float[] toArray() {
        return Arrays.copyOfRange(read(), offset, offset + size);
    }

    /** A contiguous copy with its own storage (no autodiff history). */
    public Tensor copy() {
        Tensor t = empty(shape);
        copyValues(this, t);
        return t;
    }

    /** Copies values from src (same size) into this tensor, in place, outside autodiff. */
    public void copyFrom(Tensor src) {
        if (src.size != size) {
            throw new IllegalArgumentException("copyFrom: sizes differ, " + Arrays.toString(src.shape) + " into "
                    + Arrays.toString(shape));
        }
        copyValues(src, this);
    }

    /** dst = src (same size): on the device when the backend keeps tensors there, else arraycopy. */
    static void copyValues(Tensor src, Tensor dst) {
        if (Engine.resident()) {
            Engine.kernels().elementwise().scale(src.size, 1f, src.dev(), src.offset, dst.dev(), dst.offset);
        } else {
            System.arraycopy(src.data(), src.offset, dst.data(), dst.offset, src.size);
        }
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
            if (Engine.resident()) {
                Engine.kernels().elementwise().fill(grad.size, 0f, grad.dev(), grad.offset);
            } else {
                Arrays.fill(grad.dev(), grad.offset, grad.offset + grad.size, 0f);
            }
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
            float[] d = read();
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
