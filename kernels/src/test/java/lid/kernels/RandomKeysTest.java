package lid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import lid.kernels.RandomKeys.Purpose;
import org.junit.jupiter.api.Test;

/** Keys by purpose: no two purposes (or seeds) share a key, and so no two read the same numbers. */
class RandomKeysTest {

    @Test
    void noTwoPurposesOrSeedsShareAKey() {
        Map<Long, String> seen = new HashMap<>();
        for (Purpose p : Purpose.values()) {
            for (long seed = -100; seed < 10_000; seed++) {
                String before = seen.put(RandomKeys.key(seed, p), p + "/" + seed);
                assertEquals(null, before, "key of " + p + "/" + seed + " equals that of " + before);
            }
        }
    }

    @Test
    void tagsAreDistinct() {
        Set<Long> tags = new HashSet<>();
        for (Purpose p : Purpose.values()) {
            assertTrue(tags.add(p.tag()), "two purposes share the tag of " + p);
        }
    }

    /** The first numbers of stream 0 differ between purposes for the same seed (what shared keys got wrong). */
    @Test
    void purposesReadDifferentNumbersForOneSeed() {
        for (long seed : new long[] {0, 1, 11, 42, -1}) {
            Set<Float> first = new HashSet<>();
            for (Purpose p : Purpose.values()) {
                float[] u = new float[4];
                ScalarKernels.INSTANCE.random().randomUniform(RandomKeys.key(seed, p), 0, 0, 4, u, 0);
                assertTrue(first.add(u[0]), "purpose " + p + " repeats another purpose's first uniform at seed " + seed);
            }
        }
    }

    /** fmix64 is a bijection, so a purpose maps distinct seeds to distinct keys: spot-check its inverse. */
    @Test
    void finaliserIsInvertible() {
        for (long z : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x123456789ABCDEFL}) {
            assertEquals(z, unfmix64(RandomKeys.fmix64(z)));
        }
        assertNotEquals(RandomKeys.key(0, Purpose.SAMPLE), RandomKeys.key(0, Purpose.INSTANCE));
    }

    private static long unfmix64(long z) {
        z = unxorshift33(z);
        z *= inverse(0xC4CEB9FE1A85EC53L);
        z = unxorshift33(z);
        z *= inverse(0xFF51AFD7ED558CCDL);
        return unxorshift33(z);
    }

    private static long unxorshift33(long z) {
        return z ^ (z >>> 33);
    }

    /** Multiplicative inverse of an odd number mod 2^64 (Newton's iteration). */
    private static long inverse(long a) {
        long x = a;
        for (int i = 0; i < 6; i++) {
            x *= 2 - a * x;
        }
        return x;
    }
}
