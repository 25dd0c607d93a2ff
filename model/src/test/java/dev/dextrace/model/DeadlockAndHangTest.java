package dev.dextrace.model;

import dev.dextrace.model.catalogue.Attempt1QueueName;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.monitor.DriverFault;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A driver that deadlocks, spins or throws is a finding within a bounded time, never a hung test. */
class DeadlockAndHangTest {

    @Test
    void attempt1EndsInKernelTimeoutsOnRealThreads() {
        Verdict v = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            World w = World.builder(Attempt1QueueName::new).build(); // free-running, a thread per queue
            w.submit(Command.testUnitReady(0).withTimeoutMillis(200), Command.testUnitReady(1).withTimeoutMillis(200),
                    Command.testUnitReady(0).withTimeoutMillis(200));
            return w.run(Duration.ofSeconds(10));
        });
        assertEquals(Set.of("Q-1", "Q-4"), v.rules().toJavaSet(), v::describe);
        assertEquals(3, v.events().count(e -> e.kind() == EventKind.TIMEOUT), "every command ends in a kernel timeout");
        assertTrue(v.faults().exists(f -> f.kind() == DriverFault.Kind.DEADLOCKED), v::describe);
        assertEquals("settled", v.endReason());
    }

    /** Spins forever inside Process without calling the model: only a deadline can end the run. */
    static final class Spinner extends BundledRecommended {
        @Override
        protected void startCommand(int slot, OSAction completion) {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void aSpinningDriverIsReportedAsHung() {
        Verdict v = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            World w = World.builder(Spinner::new).build();
            w.submit(Command.testUnitReady(0));
            return w.run(Duration.ofMillis(500));
        });
        assertTrue(v.faults().exists(f -> f.kind() == DriverFault.Kind.HUNG && f.message().contains("dextrace-Default")), v::describe);
    }

    /** Throws out of the interrupt handler. */
    static final class Thrower extends BundledRecommended {
        @Override
        protected void InterruptOccurred() {
            throw new IllegalStateException("driver bug");
        }
    }

    @Test
    void aThrowingDriverIsAFindingAndTheRunEnds() {
        World w = World.builder(Thrower::new).build();
        w.submit(Command.testUnitReady(0));
        Verdict v = w.run(Duration.ofSeconds(10));
        assertTrue(v.faults().exists(f -> f.kind() == DriverFault.Kind.THREW && f.message().contains("driver bug")), v::describe);
        assertEquals(1, v.events().count(e -> e.kind() == EventKind.TIMEOUT), "the command the driver dropped times out");
        assertEquals(Set.of("CMP-1", "ACT-1"), v.rules().toJavaSet(),
                "the hardware finished it (lost completion) and the retained action leaked\n" + v.describe());
    }
}
