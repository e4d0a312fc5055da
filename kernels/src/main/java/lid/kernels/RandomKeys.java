package lid.kernels;

/**
 * Philox keys by purpose: every random draw of the project takes its key from a user seed and
 * the purpose it serves, so no two purposes ever read the same random numbers even when the user
 * gives one seed for everything (a dataset's first draw, layer 0's weights and step 0's batch
 * indices used to share (seed, stream 0)).
 *
 * <p>key(seed, purpose) = fmix64(seed * 0x9E3779B97F4A7C15 + tag(purpose)), with MurmurHash3's
 * 64-bit finaliser. For one purpose the map seed -> key is a bijection (an odd multiplier, an
 * addition and fmix64 are all invertible), so distinct seeds never collide within a purpose;
 * across purposes the tags are fixed 64-bit constants and a collision is a 2^-64 accident (a
 * test checks the first ten thousand seeds of every pair of purposes).
 *
 * <p>The tags are part of every result's identity: changing one changes every number drawn for
 * that purpose. Add purposes with new tags; never edit an existing one.
 */
public final class RandomKeys {
    private RandomKeys() {}

    /** What a random draw is for. */
    public enum Purpose {
        /** The manifold itself (embeddings, rotations, frames, flow weights, bases): from the SPEC's instance=K. */
        INSTANCE(0x6A09E667F3BCC908L),
        /** The sample of a manifold (latents, component labels, ambient noise): from --seed. */
        SAMPLE(0xBB67AE8584CAA73BL),
        /** The fixed reference sample that standardisation constants are computed from (per instance). */
        REFERENCE_SAMPLE(0x3C6EF372FE94F82BL),
        /** Network weight initialisation. */
        WEIGHT_INIT(0xA54FF53A5F1D36F1L),
        /** Training draws: batch indices, times, noise. */
        TRAINING(0x510E527FADE682D1L),
        /** Estimator noise draws (DSM-LID, error bundle, normal bundle), per point. */
        ESTIMATOR_NOISE(0x9B05688C2B3E6C1FL),
        /** Estimator trace probes (Hutchinson, likelihood divergences), per point. */
        ESTIMATOR_PROBES(0x1F83D9ABFB41BD6BL),
        /** Other randomised estimators (ESS subsets, DANCo calibration balls). */
        ESTIMATOR_OTHER(0x5BE0CD19137E2179L),
        /** Samplers (initial noise and stochastic steps of lid sample). */
        SAMPLING(0xCBBB9D5DC1059ED8L),
        /** Independent trials of a reproduction experiment. */
        TRIALS(0x629A292A367CD507L),
        /** Two-sample tests and other diagnostics. */
        DIAGNOSTICS(0x9159015A3070DD17L);

        private final long tag;

        Purpose(long tag) {
            this.tag = tag;
        }

        public long tag() {
            return tag;
        }
    }

    /** The Philox key of draws for {@code purpose} under the user's {@code seed}. */
    public static long key(long seed, Purpose purpose) {
        return fmix64(seed * 0x9E3779B97F4A7C15L + purpose.tag);
    }

    /** MurmurHash3's 64-bit finaliser (a bijection on longs). */
    static long fmix64(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
