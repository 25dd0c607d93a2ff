package dev.dextrace.model;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.framework.TaskManagementFunction;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's own faults (PROTOCOL.md §9): task management, target removal, stop with I/O outstanding.
 * Each detector fires on the design that breaks its rule and stays silent on the correct one; the
 * runs are run-to-completion on two lanes, where the kernel's act comes before the interrupt handler.
 */
class KernelFaultTest {
    private static Verdict run(String design, Scenario s, FrameworkConfig config) {
        DesignEntry d = Catalogue.byName(design);
        World w = s.load(s.builder(d).config(config).twoLanes().controlled(Strategy.runToCompletion()));
        return w.run(Duration.ofSeconds(20));
    }

    private static Verdict run(String design, Scenario s) {
        return run(design, s, s.config());
    }

    private static boolean has(Verdict v, EventKind kind, String text) {
        return v.events().exists(e -> e.kind() == kind && e.text().contains(text));
    }

    @Test
    void aCompletionAfterTheDextAnsweredItsAbortDoneIsADoubleCompletion() {
        Verdict v = run("abort-answered-still-completed", Scenarios.ABORT_RACES_COMPLETION);
        assertEquals(Set.of("CMP-1", "SLOT-3"), v.rules().toJavaSet(), v::describe);
    }

    @Test
    void anAbortTheDextTakesBackEndsTheCommandOnce() {
        Verdict v = run("plain-locked-fault-tolerant", Scenarios.ABORT_RACES_COMPLETION);
        assertTrue(v.isClean(), v::describe);
        assertTrue(has(v, EventKind.TASK_MANAGEMENT, "*response = FUNCTION_COMPLETE"), v::describe);
        assertTrue(has(v, EventKind.KERNEL_COMPLETE, "slot 0 gen 1 as aborted"), "the answer completed the command");
        assertTrue(v.events().filter(e -> e.kind() == EventKind.COMPLETE).forAll(e -> !e.text().contains("Complete(0")),
                "the dext did not complete the aborted command");
    }

    @Test
    void theBaseClassRejectsTaskManagementAndTheCommandCompletesAsUsual() {
        Verdict v = run("bundled-recommended", Scenarios.ABORT_RACES_COMPLETION);
        assertTrue(v.isClean(), v::describe);
        assertTrue(has(v, EventKind.TASK_MANAGEMENT, "*response = FUNCTION_REJECTED"), v::describe);
        assertTrue(v.events().forAll(e -> e.kind() != EventKind.KERNEL_COMPLETE), "a rejected abort ends nothing");
    }

    @Test
    void whenTheDextCompletesAbortedCommandsTheAnswerEndsNothing() {
        FrameworkConfig c = Scenarios.ABORT_RACES_COMPLETION.config().with(FrameworkConfig.AbortedCommand.DEXT_COMPLETES);
        Verdict v = run("abort-answered-still-completed", Scenarios.ABORT_RACES_COMPLETION, c);
        assertTrue(v.isClean(), v::describe);
        assertTrue(v.events().forAll(e -> e.kind() != EventKind.KERNEL_COMPLETE), v::describe);
    }

    @ParameterizedTest
    @EnumSource(TaskManagementFunction.class)
    void everyTaskManagementCallReachesTheDextOnDefaultAfterProcessReturned(TaskManagementFunction f) {
        Scenario s = new Scenario("tm", "test", Scenarios.ABORT_RACES_COMPLETION.path(), Scenarios.ABORT_RACES_COMPLETION.config(), w -> {
            w.submit(Command.testUnitReady(0), Command.testUnitReady(0));
            w.framework().taskManagement(f, 1);
        });
        Verdict v = run("bundled-recommended", s);
        assertTrue(v.isClean(), v::describe);
        ProtocolEvent call = v.events().find(e -> e.kind() == EventKind.TASK_MANAGEMENT && e.text().startsWith(f.method())).get();
        assertEquals("Default", call.queue(), call::toString);
        ProtocolEvent processEnd = v.events().find(e -> e.kind() == EventKind.PROCESS_END).get();
        assertTrue(call.seq() > processEnd.seq(), "sent once the submit call returned");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bundled-recommended", "plain-locked-fault-tolerant"})
    void removalForceCompletesTheTargetsCommandAfterProcessAndDropsTheLateCompletion(String design) {
        Verdict v = run(design, Scenarios.REMOVAL_RACES_COMPLETION);
        assertTrue(v.isClean(), v::describe);
        ProtocolEvent forced = v.events().find(e -> e.kind() == EventKind.KERNEL_COMPLETE).get();
        assertEquals(java.util.OptionalInt.of(0), forced.slot(), "only target 0's command");
        assertEquals(1, v.events().count(e -> e.kind() == EventKind.KERNEL_COMPLETE), v::describe);
        assertTrue(forced.seq() > v.events().find(e -> e.kind() == EventKind.PROCESS_END).get().seq(), "after the submit call returned");
        assertTrue(v.events().exists(e -> e.kind() == EventKind.DROPPED && e.slot().equals(java.util.OptionalInt.of(0))), "the dext's late completion is dropped");
    }

    @Test
    void aStopThatLeavesIoToTheInterruptHandlerLeaksAndCompletesThroughATornDownAction() {
        Verdict v = run("stop-ignores-io-outstanding", Scenarios.STOP_WITH_IO_OUTSTANDING);
        assertEquals(Set.of("ACT-1", "ACT-3"), v.rules().toJavaSet(), v::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bundled-recommended", "plain-locked-fault-tolerant"})
    void aStopThatAbandonsAndReleasesEverythingIsClean(String design) {
        Verdict v = run(design, Scenarios.STOP_WITH_IO_OUTSTANDING);
        assertTrue(v.isClean(), v::describe);
        assertEquals(2, v.events().count(e -> e.kind() == EventKind.KERNEL_COMPLETE), "the kernel failed both abandoned commands");
        assertEquals(0, v.events().count(e -> e.kind() == EventKind.COMPLETE), "nothing completed after the stop");
    }

    @Test
    void taskManagementNamesItsSlotRangeAndPath() {
        World w = World.builder(Catalogue.byName("bundled-recommended")::create).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.framework().taskManagement(TaskManagementFunction.ABORT_TASK, 4));
        assertTrue(e.getMessage().contains("slot must be 0..3"), e.getMessage());
        World legacy = World.builder(Catalogue.byName("legacy-serial")::create).build();
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> legacy.framework().taskManagement(TaskManagementFunction.TARGET_RESET, 4));
        assertTrue(l.getMessage().contains("task must be 0..3"), l.getMessage());
    }
}
