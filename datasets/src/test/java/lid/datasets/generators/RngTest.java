package lid.datasets.generators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void sameSeedSameDrawsAndStreamsDiffer() {
        Rng a = new Rng(7);
        Rng b = new Rng(7);
        float[] a1 = a.uniform(100);
        assertArrayEquals(a1, b.uniform(100));
        assertFalse(Arrays.equals(a1, a.uniform(100)), "the second draw uses a new stream");
        assertFalse(Arrays.equals(a1, new Rng(8).uniform(100)), "another seed gives other numbers");
    }

    @Test
    void childrenAreIndependentOfTheParentAndEachOther() {
        Rng parent = new Rng(3);
        float[] p = parent.normal(50);
        float[] c0 = parent.child(0).normal(50);
        float[] c1 = parent.child(1).normal(50);
        assertFalse(Arrays.equals(p, c0));
        assertFalse(Arrays.equals(c0, c1));
        assertArrayEquals(c0, new Rng(3).child(0).normal(50));
    }

    @Test
    void chunkedDrawsEqualOneDraw() {
        Rng r = new Rng(11);
        long s = r.newStream();
        float[] whole = new float[37];
        r.normal(s, 0, whole, 0, 37);
        float[] parts = new float[37];
        r.normal(s, 0, parts, 0, 13);
        r.normal(s, 13, parts, 13, 24);
        assertArrayEquals(whole, parts);
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = new Rng(5).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        int fixed = 0;
        for (int i = 0; i < 1000; i++) {
            fixed += p[i] == i ? 1 : 0;
        }
        assertTrue(fixed < 10, "a random permutation has about one fixed point, got " + fixed);
    }

    @Test
    void randomOrthonormalColumnsAreOrthonormal() {
        double[] q = Linalg.randomOrthonormal(12, 5, new Rng(1));
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                double dot = 0;
                for (int i = 0; i < 12; i++) {
                    dot += q[i * 5 + a] * q[i * 5 + b];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-12);
            }
        }
    }
}
