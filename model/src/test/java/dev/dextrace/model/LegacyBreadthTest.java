package dev.dextrace.model;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.catalogue.PlainLockedOwnTags;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dext's own hardware tags (the model must not take a tag for a slot index) and the legacy path's
 * kernel acts (timeout, abort, stop), each detector firing on the design that breaks its rule and
 * silent on the correct one. Runs are run-to-completion on two lanes: the kernel's act comes before
 * the interrupt handler.
 */
class LegacyBreadthTest {
    /** CMP-1 only: the own-tags design, handling one completion per interrupt though interrupts coalesce. */
    @DriverDesign(name = "own-tags-one-completion-per-interrupt", path = DriverDesign.Path.BUNDLED, violates = "CMP-1", summary = "test")
    static final class OwnTagsOneCompletionPerInterrupt extends PlainLockedOwnTags {
        @Override
        protected void InterruptOccurred() {
            HbaCompletion done = GetProvider().pollCompletion();
            if (done != null) {
                complete(done);
            }
        }
    }

    private static Verdict run(DesignEntry d, Scenario s) {
        World w = s.loadWithoutPreemption(d);
        return w.run(Duration.ofSeconds(20));
    }

    private static Verdict run(String design, Scenario s) {
        return run(Catalogue.byName(design), s);
    }

    private static boolean has(Verdict v, EventKind kind, String text) {
        return v.events().exists(e -> e.kind() == kind && e.text().contains(text));
    }

    @Test
    void ownTagsAreNotTakenForSlots() {
        Verdict v = run("plain-locked-own-tags", Scenarios.COMPLETION_RACES_SUBMISSION);
        assertTrue(v.isClean(), v::describe);
        assertTrue(has(v, EventKind.HW_START, "tag " + 0x5000), "the hardware got the dext's own tag");
        assertFalse(v.events().exists(e -> e.kind() == EventKind.HW_START && e.slot().isPresent()), "a tag names no slot");
    }

    @Test
    void aLostCompletionIsFoundWhateverTheTags() {
        World w = World.builder(OwnTagsOneCompletionPerInterrupt::new).twoLanes().controlled(Strategy.runToCompletion()).build();
        w.submit(Command.testUnitReady(0), Command.testUnitReady(1));
        Verdict v = w.run(Duration.ofSeconds(20));
        assertEquals(Set.of("CMP-1"), v.rules().toJavaSet(), v::describe);
        assertTrue(v.violations().exists(x -> x.message().contains("lost completion")), v::describe);
    }

    @Test
    void aLegacyTimeoutTakesTheTaskBackAndTheLateCompletionIsDropped() {
        Verdict v = run("legacy-locked-interrupt-queue", Scenarios.LEGACY_TIMEOUT_RACES_COMPLETION);
        assertTrue(v.isClean(), v::describe);
        assertTrue(v.events().exists(e -> e.kind() == EventKind.TIMEOUT), v::describe);
        assertTrue(has(v, EventKind.DROPPED, "after the kernel's timeout"), v::describe);
    }

    @Test
    void aLegacyCompletionAfterTheDextAnsweredItsAbortDoneIsADoubleCompletion() {
        Verdict v = run("legacy-abort-still-completed", Scenarios.LEGACY_ABORT_RACES_COMPLETION);
        assertEquals(Set.of("CMP-1"), v.rules().toJavaSet(), v::describe);
        assertTrue(v.violations().exists(x -> x.message().contains("after the dext answered its abort FUNCTION_COMPLETE")), v::describe);
    }

    @Test
    void aLegacyAbortTheDextTakesBackEndsTheTaskOnce() {
        Verdict v = run("legacy-locked-interrupt-queue", Scenarios.LEGACY_ABORT_RACES_COMPLETION);
        assertTrue(v.isClean(), v::describe);
        assertTrue(has(v, EventKind.TASK_MANAGEMENT, "*response = FUNCTION_COMPLETE"), v::describe);
        assertTrue(has(v, EventKind.KERNEL_COMPLETE, "task 0 gen 1 as aborted"), v::describe);
    }

    @Test
    void aLegacyStopThatLeavesTasksToTheHandlerLeaksAndCompletesThroughATornDownAction() {
        Verdict v = run("legacy-stop-ignores-io", Scenarios.LEGACY_STOP_WITH_IO_OUTSTANDING);
        assertTrue(v.rules().toJavaSet().contains("ACT-1"), v::describe);
        assertTrue(Set.of("ACT-1", "ACT-3").containsAll(v.rules().toJavaSet()), v::describe);
    }

    @Test
    void aLegacyStopThatAbandonsAndReleasesEverythingIsClean() {
        Verdict v = run("legacy-locked-interrupt-queue", Scenarios.LEGACY_STOP_WITH_IO_OUTSTANDING);
        assertTrue(v.isClean(), v::describe);
        assertEquals(2, v.events().count(e -> e.kind() == EventKind.KERNEL_COMPLETE), "the kernel failed both abandoned tasks");
    }
}
