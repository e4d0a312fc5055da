package lid.engine.nn;

import java.util.List;
import lid.engine.Grad;
import lid.engine.Tensor;

/**
 * Modules applied in order; children named "0", "1", .... Without gradient recording each
 * intermediate is released as soon as the next one exists, so inference holds at most two
 * activations (what PyTorch's reference counting gives).
 */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(List<? extends Module> layers) {
        this.layers = List.copyOf(layers);
        for (int i = 0; i < this.layers.size(); i++) {
            child(Integer.toString(i), this.layers.get(i));
        }
    }

    public List<Module> layers() {
        return layers;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        boolean free = !Grad.enabled();
        for (Module m : layers) {
            Tensor next = m.forward(h);
            if (free && h != x && !next.sharesStorage(h)) {
                h.release();
            }
            h = next;
        }
        return h;
    }
}
