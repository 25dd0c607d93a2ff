package dev.dextrace.model;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.hardware.HbaFault;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hardware's faults (PROTOCOL.md §9) reach the dext, and the correct designs stay clean under them. */
class HardwareFaultTest {
    private static Verdict run(String design, HbaFault... plan) {
        DesignEntry d = Catalogue.byName(design);
        World w = World.builder(d::create).twoLanes().controlled(Strategy.runToCompletion()).build();
        w.hardware().failInOrder(plan);
        w.submit(Command.testUnitReady(0), Command.testUnitReady(1));
        return w.run(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bundled-recommended", "plain-locked-fault-tolerant", "plain-locked-own-tags"})
    void aLostInterruptIsTimedOutAndItsLateCompletionDropped(String design) {
        Verdict v = run(design, HbaFault.LOST_INTERRUPT, HbaFault.GOOD);
        assertTrue(v.isClean(), v::describe);
        assertTrue(v.events().exists(e -> e.kind() == EventKind.TIMEOUT), "the kernel timed the lost command out");
        assertTrue(v.events().exists(e -> e.kind() == EventKind.DROPPED), "its late completion was dropped");
    }

    @Test
    void everyErrorOutcomeKeepsTheCorrectDesignClean() {
        for (HbaFault f : HbaFault.values()) {
            Verdict v = run("plain-locked-fault-tolerant", f, f);
            assertTrue(v.isClean(), () -> f + ": " + v.describe());
        }
    }

    @Test
    void anErrorPathThatLeaksIsCaughtOnlyWhenTheDeviceFails() {
        assertEquals(java.util.Set.of("ACT-1", "CMP-1"), run("error-path-leak", HbaFault.BUSY, HbaFault.GOOD).rules().toJavaSet());
        assertTrue(run("error-path-leak", HbaFault.GOOD, HbaFault.GOOD).isClean(), "no fault, no error path");
    }

    @Test
    void aPlanWithANullIsRefusedNamingTheValues() {
        World w = World.builder(Catalogue.byName("bundled-recommended")::create).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.hardware().failInOrder(HbaFault.GOOD, null));
        assertTrue(e.getMessage().contains("LOST_INTERRUPT"), e.getMessage());
    }
}
