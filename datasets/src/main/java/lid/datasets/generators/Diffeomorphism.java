package lid.datasets.generators;

/** A smooth invertible map of R^dim onto itself, applied in place to one point. */
interface Diffeomorphism {
    void apply(double[] x);
}
