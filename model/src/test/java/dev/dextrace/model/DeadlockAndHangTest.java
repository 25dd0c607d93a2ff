package dev.dextrace.model;

import dev.dextrace.model.catalogue.Attempt1QueueName;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.IOLockAbbaDeadlock;
import dev.dextrace.model.catalogue.SpinningProcess;
import dev.dextrace.model.catalogue.ThrowingInterruptHandler;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Events;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.monitor.Violation;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A driver that deadlocks, spins or throws is a finding (Q-4, HANG-1, EXC-1) within a bounded time, never
 * a hung test nor a clean verdict; the recommended design under the same runs stays clean.
 */
class DeadlockAndHangTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void attempt1EndsInKernelTimeoutsOnRealThreads() {
        Verdict v = assertTimeoutPreemptively(BOUND, () -> {
            World w = World.builder(Attempt1QueueName::new).build(); // free-running, a thread per queue
            w.submit(Command.testUnitReady(0).withTimeoutMillis(200), Command.testUnitReady(1).withTimeoutMillis(200),
                    Command.testUnitReady(0).withTimeoutMillis(200));
            return w.run(Duration.ofSeconds(10));
        });
        assertEquals(Set.of("Q-1", "Q-4"), v.rules().toJavaSet(), v::describe);
        assertEquals(3, v.events().count(e -> e.kind() == EventKind.TIMEOUT), "every command ends in a kernel timeout");
        assertEquals("settled", v.endReason());
    }

    @Test
    void aSpinningDriverIsHang1NamingItsQueueAndLine() {
        for (boolean controlled : new boolean[]{false, true}) {
            Verdict v = assertTimeoutPreemptively(BOUND, () -> {
                World.Builder b = World.builder(SpinningProcess::new);
                World w = (controlled ? b.controlled(Strategy.runToCompletion()) : b).build();
                w.submit(Command.testUnitReady(0));
                return w.run(Duration.ofSeconds(20)); // the stall bound ends it long before
            });
            assertEquals(Set.of("HANG-1"), v.rules().toJavaSet(), v::describe);
            Violation hang = v.first("HANG-1").get();
            assertEquals("Default", hang.queue(), v::describe);
            assertTrue(hang.message().contains("SpinningProcess.java:"), hang::message);
            if (!controlled) { // on the controlled runtime the spinning lane never lets the interrupt queue run
                assertTrue(hang.message().contains("InterruptQueue") && hang.message().contains("waits for lock#"), hang::message);
            }
        }
    }

    @Test
    void anAbbaLockDeadlockIsQ4WhenTheCycleCloses() {
        // Default holds the table lock for the second command when the first one's interrupt runs
        Strategy order = Strategy.script().run("Default", Events.write("inFlight[1]")).run("InterruptQueue", Events.lock("lock#1"));
        Verdict v = assertTimeoutPreemptively(BOUND, () -> Scripted.run(IOLockAbbaDeadlock::new, Scripted.tur(2), order));
        assertTrue(v.rules().contains("Q-4"), v::describe);
        assertFalse(v.rules().contains("HANG-1"), "detected when the cycle closes, not at a deadline\n" + v.describe());
        String cycle = v.first("Q-4").get().message();
        assertTrue(cycle.contains("waits for lock#") && cycle.contains("held by"), cycle);
        assertTrue(Scripted.run(BundledRecommended::new, Scripted.tur(2), order).isClean());
    }

    @Test
    void anAbbaLockDeadlockIsFoundOnRealThreads() {
        Verdict v = assertTimeoutPreemptively(BOUND, () -> {
            for (int i = 0; ; i++) {
                World w = World.builder(IOLockAbbaDeadlock::new).twoLanes().build();
                w.submit(Command.testUnitReady(0).withTimeoutMillis(50), Command.testUnitReady(1).withTimeoutMillis(50),
                        Command.testUnitReady(2).withTimeoutMillis(50));
                Verdict r = w.run(Duration.ofSeconds(10));
                if (!r.isClean() || i > 2_000) {
                    return r;
                }
            }
        });
        assertTrue(v.rules().contains("Q-4"), v::describe);
        assertFalse(v.rules().contains("HANG-1"), v::describe);
    }

    @Test
    void aThrowingInterruptHandlerIsExc1WithItsLine() {
        World w = World.builder(ThrowingInterruptHandler::new).build();
        w.submit(Command.testUnitReady(0));
        Verdict v = assertTimeoutPreemptively(BOUND, () -> w.run(Duration.ofSeconds(10)));
        Violation exc = v.first("EXC-1").get();
        assertTrue(exc.message().contains("java.lang.NullPointerException") && exc.message().contains("ThrowingInterruptHandler.java:"),
                exc::message);
        assertEquals("InterruptQueue", exc.queue());
        assertEquals(1, v.events().count(e -> e.kind() == EventKind.TIMEOUT), "the command the driver dropped times out");
        assertEquals(Set.of("EXC-1", "CMP-1", "ACT-1"), v.rules().toJavaSet(),
                "the hardware finished it (lost completion) and the retained action leaked\n" + v.describe());
    }

    @Test
    void theRecommendedDesignIsCleanOnRealThreads() {
        World w = World.builder(BundledRecommended::new).build();
        w.submit(Command.testUnitReady(0), Command.testUnitReady(1), Command.testUnitReady(2));
        Verdict v = assertTimeoutPreemptively(BOUND, () -> w.run(Duration.ofSeconds(10)));
        assertTrue(v.isClean(), v::describe);
    }
}
