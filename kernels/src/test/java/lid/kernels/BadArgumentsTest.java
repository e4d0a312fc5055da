package lid.kernels;

import static lid.kernels.TestSupport.SCALAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel rejects bad arguments with an IllegalArgumentException whose message names the
 * argument, and every backend rejects them with the scalar reference's message (the checks live
 * in one place per family: its interface's Checks). The bad calls are listed beside each
 * family's other tests ({@code badCalls()}).
 */
@ExtendWith(BackendInFailures.class)
class BadArgumentsTest {

    private static List<BadCall> cases() {
        List<BadCall> c = new ArrayList<>();
        c.addAll(ElementwiseTest.badCalls());
        c.addAll(ReductionsTest.badCalls());
        c.addAll(NormalizationTest.badCalls());
        c.addAll(ConvolutionTest.badCalls());
        c.addAll(RandomTest.badCalls());
        return c;
    }
    static Stream<Arguments> casesOnEveryBackend() {
        return TestBackend.all().flatMap(b -> cases().stream().map(c -> Arguments.of(b, c)));
    }

    @ParameterizedTest
    @MethodSource("casesOnEveryBackend")
    void badArgumentsAreRejectedLikeTheReference(TestBackend backend, BadCall c) {
        Kernels k = backend.kernels();
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> c.call().accept(SCALAR), "scalar");
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> c.call().accept(k), backend.name());
        assertTrue(s.getMessage().contains(c.argument()), "message should name " + c.argument() + ": " + s.getMessage());
        assertEquals(s.getMessage(), v.getMessage(), "the backend gives the reference's message");
    }
}
