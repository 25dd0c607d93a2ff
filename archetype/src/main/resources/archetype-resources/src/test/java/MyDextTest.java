package ${package};

import dev.dextrace.controlled.DextraceControlled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-call check: every interleaving of every scenario of the driver's path with at most one
 * preemption, on dextrace's controlled runtime. It fails on any rule the design does not declare, and on
 * a declared rule it did not show, saying how hard it looked. ({@code DextraceLincheck.check} does the
 * same with Lincheck, slower.)
 */
class MyDextTest {
    @Test
    void showsWhatItDeclaresAndNothingElse() {
        // check() fails on a rule MyDext does not declare, and on a declared one it did not show (DEXT-1 is your invariant's)
        assertTrue(DextraceControlled.check(MyDext.class).rules().containsAll(java.util.Set.of("Q-3", "SLOT-5", "CMP-1", "EXC-1", "DEXT-1")));
    }
}
