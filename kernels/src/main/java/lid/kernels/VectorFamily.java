package lid.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** What every Vector API family shares: its threads, and the preferred float species S of L lanes. */
abstract class VectorFamily {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    final Parallel par;

    VectorFamily(Parallel par) {
        this.par = par;
    }
}
