package dev.dextrace.controlled;

import dev.dextrace.engine.Budget;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The partial-order reduction runs fewer interleavings and hides nothing. */
class ReductionTest {
    /** Lanes A and B that share slot 0 twice and otherwise touch slots of their own (1, 2) or each other's (3). */
    private static final Synthetic MIXED = new Synthetic(new int[][]{{1, 0, 1, 3, 0}, {2, 0, 3, 2, 2}});

    /** What a run decided: the order of the steps on each slot. Runs that agree on it are equivalent. */
    private static Set<String> outcomes(List<List<String>> orders) {
        return orders.stream().map(o -> List.of(0, 1, 2, 3).stream().map(s -> s + ":" + MIXED.projection(o, s))
                .collect(Collectors.joining(" "))).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "<= {0} preemptions")
    @ValueSource(ints = {0, 1, 2, 3, 4, 10})
    void reachesNoOutcomeTheFullSearchDoesNotAndFewerRuns(int bound) {
        List<List<String>> full = BoundedSearchTest.search(MIXED, bound, false);
        List<List<String>> reduced = BoundedSearchTest.search(MIXED, bound, true);
        assertTrue(outcomes(full).containsAll(outcomes(reduced)));
        assertTrue(reduced.size() <= full.size(), reduced.size() + " > " + full.size());
        System.out.printf("hand-made world, <= %d preemptions: %d interleavings, %d after reduction, %d of %d outcomes%n",
                bound, full.size(), reduced.size(), outcomes(reduced).size(), outcomes(full).size());
    }

    @Test
    void reachesEveryOutcomeWhenTheBoundDoesNotBind() {
        // 10 preemptions exceed any switch count of two lanes of 5 steps: sleep sets alone, which keep every outcome
        assertEquals(outcomes(BoundedSearchTest.search(MIXED, 10, false)), outcomes(BoundedSearchTest.search(MIXED, 10, true)));
    }

    @Test
    void underABindingBoundCanNeedOneMorePreemptionForAnOutcome() {
        // the known cost of sleep sets under a preemption bound (Musuvathi and Qadeer, 2007): a branch is pruned as a
        // reordering of one explored earlier, but that reordering may need more preemptions than the bound allows.
        // Here one outcome of <= 1 preemption is reached by the reduced search only at <= 2; docs/decisions.md says so.
        Set<String> full1 = outcomes(BoundedSearchTest.search(MIXED, 1, false));
        Set<String> reduced1 = outcomes(BoundedSearchTest.search(MIXED, 1, true));
        Set<String> reduced2 = outcomes(BoundedSearchTest.search(MIXED, 2, true));
        assertTrue(reduced2.containsAll(full1));
        System.out.printf("hand-made world: %d of %d outcomes of <= 1 preemption with reduction at 1, all at 2%n", reduced1.size(), full1.size());
    }

    @Test
    void prunesNothingWhenEveryStepConflicts() {
        Synthetic world = Synthetic.allDependent(3, 4);
        assertEquals(BoundedSearchTest.search(world, 2, false).size(), BoundedSearchTest.search(world, 2, true).size());
    }

    @Test
    void prunesWhenTheLanesNeverConflict() {
        Synthetic world = new Synthetic(new int[][]{{1, 1, 1}, {2, 2, 2}});
        assertTrue(BoundedSearchTest.search(world, 2, true).size() < BoundedSearchTest.search(world, 2, false).size());
    }

    @Test
    void independenceFollowsTheEventsFootprint() {
        ProtocolEvent slot0 = event("A", null, new Payload.SlotAccess(true, 0, OptionalInt.of(1), "fTargetID", Optional.of("0")));
        ProtocolEvent slot1 = event("B", null, new Payload.SlotAccess(false, 1, OptionalInt.of(1), "fTargetID", Optional.empty()));
        ProtocolEvent slot0b = event("B", null, new Payload.SlotAccess(false, 0, OptionalInt.of(1), "fTargetID", Optional.empty()));
        ProtocolEvent lockA = event("A", "Default", new Payload.Lock("lock#1"));
        ProtocolEvent lockB = event("B", "InterruptQueue", new Payload.Unlock("lock#1"));
        ProtocolEvent varX = event("B", "InterruptQueue", new Payload.VarWrite("inFlight[0]", null));
        ProtocolEvent varY = event("A", "Default", new Payload.VarRead("inFlight[1]"));
        ProtocolEvent varXa = event("A", "Default", new Payload.VarRead("inFlight[0]"));
        ProtocolEvent tableX = event("A", "Default", new Payload.TableWrite("inFlight", 0, 1, "action#3"));
        ProtocolEvent fieldY = event("B", null, new Payload.FieldAccess(true, "inFlight[1]", "Driver.java:12"));
        ProtocolEvent retain = event("A", "Default", new Payload.ActionStep(Payload.ActionOp.RETAIN, "action#2"));
        ProtocolEvent release = event("B", "InterruptQueue", new Payload.ActionStep(Payload.ActionOp.RELEASE, "action#2"));
        ProtocolEvent timeout = event("B", null, new Payload.Timeout(Payload.Unit.SLOT, 3, 1, Optional.empty()));
        assertFalse(Dependence.dependent(slot0, slot1));
        assertTrue(Dependence.dependent(slot0, slot0b));
        assertTrue(Dependence.dependent(lockA, lockB));
        assertFalse(Dependence.dependent(varX, varY));
        assertTrue(Dependence.dependent(varX, varXa));
        assertTrue(Dependence.dependent(varX, tableX), "a command-table entry is the variable of its name");
        assertTrue(Dependence.dependent(varY, fieldY), "an observed field is a variable like a SharedVariable");
        assertFalse(Dependence.dependent(varX, fieldY));
        assertTrue(Dependence.dependent(retain, release));
        assertFalse(Dependence.dependent(retain, slot1));
        assertTrue(Dependence.dependent(timeout, slot1));
        assertTrue(Dependence.dependent(null, slot1));
        assertTrue(Dependence.dependent(Step.of("A", slot0, false), Step.of("A", slot1, false)), "steps of one lane are ordered");
        assertFalse(Dependence.dependent(Step.of("A", slot0, true), Step.of("B", slot1, true)), "posting alone does not order two events");
        // a silent step (taking the next block, or idling) is ordered only against steps that may have posted work
        assertFalse(Dependence.dependent(Step.silent("A", false), Step.of("B", slot0, false)));
        assertTrue(Dependence.dependent(Step.silent("A", false), Step.of("B", slot0, true)));
        assertTrue(Dependence.dependent(Step.of("B", slot0, true), Step.silent("A", false)));
        assertTrue(Dependence.dependent(Step.unknown("A"), Step.of("B", slot0, false)));
    }

    private static ProtocolEvent event(String lane, String queue, Payload payload) {
        return new ProtocolEvent(0, lane, queue, payload);
    }

    /** Smoke budget on every catalogue design, with and without reduction: the same rules. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.dextrace.controlled.ControlledCatalogueTest#designs")
    @Execution(ExecutionMode.CONCURRENT)
    void hidesNoCatalogueBug(DesignEntry d) {
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            ControlledSearch.Report with = ControlledSearch.run(d, Scenarios.all().toJavaList(), ControlledSearch.Budget.of(Budget.SMOKE), s -> { });
            ControlledSearch.Report without = ControlledSearch.run(d, Scenarios.all().toJavaList(),
                    ControlledSearch.Budget.of(Budget.SMOKE).withoutReduction(), s -> { });
            System.out.printf("%-28s %6d runs without reduction, %6d with%n", d.name(), without.runs(), with.runs());
            assertEquals(without.rules(), with.rules(), d.name() + ": the rules with reduction, against those without");
        });
    }
}
