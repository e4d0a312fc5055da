package lid.datasets.generators;

/** Component assignment shared by the mixture generators. */
final class Mixtures {
    private Mixtures() {}

    /**
     * Component of each of n points drawn from the weights (summing to 1): u_i ~ U[0,1) from one
     * stream, component = number of cumulative weights below u_i (torch.searchsorted), clamped.
     */
    static int[] assign(int n, double[] weights, Rng rng) {
        double[] cdf = new double[weights.length];
        double s = 0;
        for (int k = 0; k < weights.length; k++) {
            s += weights[k];
            cdf[k] = s;
        }
        float[] u = rng.uniform(n);
        int[] comp = new int[n];
        for (int i = 0; i < n; i++) {
            int k = 0;
            while (k < cdf.length - 1 && cdf[k] < u[i]) {
                k++;
            }
            comp[i] = k;
        }
        return comp;
    }
}
