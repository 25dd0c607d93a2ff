package dev.dextrace.model;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A malformed call of the dext (a slot listed twice, an index that is no slot, a count outside 1..32,
 * sense data longer than 256 bytes) is filed as its rule and the run goes on as the kernel would,
 * instead of throwing out of the dext's handler (EXC-1) and hiding what follows.
 */
class MalformedCallTest {
    /** Completes each batch with {@code extra} appended to its list. */
    static class AppendsToItsList extends BundledRecommended {
        private final int[] extra;

        AppendsToItsList(int... extra) {
            this.extra = extra;
        }

        @Override
        protected void returnSlots(OSAction action, int[] slots) {
            int[] listed = Arrays.copyOf(slots, slots.length + extra.length);
            System.arraycopy(extra, 0, listed, slots.length, extra.length);
            BundledParallelTaskCompletion(action, listed, listed.length);
        }
    }

    /** Copies 300 bytes of sense data into the response slot of every command. */
    static class OversizedSense extends BundledRecommended {
        @Override
        protected void fillResponse(int slot, HbaCompletion done) {
            super.fillResponse(slot, done);
            responses.get(slot).senseData(new byte[300]);
        }
    }

    /** Lists 33 entries (the first repeated) with a count of 33. */
    static class CountBeyond32 extends BundledRecommended {
        @Override
        protected void returnSlots(OSAction action, int[] slots) {
            int[] listed = new int[33];
            Arrays.fill(listed, slots[0]);
            System.arraycopy(slots, 0, listed, 0, slots.length);
            BundledParallelTaskCompletion(action, listed, 33);
        }
    }

    private static Verdict run(Supplier<BundledRecommended> design) {
        return Scripted.run(design, Scripted.tur(2), Strategy.runToCompletion());
    }

    /** The run went on: every command was returned by the dext's completion, none timed out, nothing threw. */
    private static void wentOn(Verdict v) {
        assertEquals(2, v.events().count(e -> e.kind() == EventKind.RETURNED), v::describe);
        assertTrue(v.events().forAll(e -> e.kind() != EventKind.TIMEOUT), v::describe);
    }

    @Test
    void aSlotListedTwiceInOneCompletionIsADoubleCompletion() {
        Verdict v = run(() -> new AppendsToItsList(0));
        assertEquals(Set.of("SLOT-4"), v.rules().toJavaSet(), v::describe);
        assertTrue(v.describe().contains("completed twice"), v::describe);
        wentOn(v);
    }

    @Test
    void anIndexThatIsNoSlotIsFiledAndDropped() {
        Verdict v = run(() -> new AppendsToItsList(7, -1));
        assertEquals(Set.of("SLOT-4"), v.rules().toJavaSet(), v::describe);
        assertTrue(v.describe().contains("[7, -1] are no slot (N = 4)"), v::describe);
        wentOn(v);
    }

    @Test
    void aCountBeyond32IsFiledAndTheFirst32Entries() {
        Verdict v = run(CountBeyond32::new);
        assertTrue(v.rules().contains("SLOT-4") && !v.rules().contains("EXC-1"), v::describe);
        assertTrue(v.describe().contains("count 33 is outside 1..32"), v::describe);
        wentOn(v);
    }

    @Test
    void senseDataBeyond256BytesIsSlot7AndTheCommandStillCompletes() {
        Verdict v = run(OversizedSense::new);
        assertEquals(Set.of("SLOT-7"), v.rules().toJavaSet(), v::describe);
        wentOn(v);
    }

    @Test
    void aWellFormedCompletionIsSilent() {
        Verdict v = run(() -> new AppendsToItsList());
        assertTrue(v.isClean(), v::describe);
        wentOn(v);
    }
}
