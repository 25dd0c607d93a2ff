package dev.dextrace.model;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.hardware.HbaFault;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.replay.Exploration;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel's TASK_SET_FULL resend (PROTOCOL.md §9, FrameworkConfig.taskSetFullResends). */
class TaskSetFullResendTest {
    private static Verdict run(String design, FrameworkConfig config, HbaFault... plan) {
        DesignEntry d = Catalogue.byName(design);
        World w = World.builder(d::create).config(config).twoLanes().controlled(Strategy.runToCompletion()).build();
        w.hardware().failInOrder(plan);
        w.submit(Command.testUnitReady(0), Command.testUnitReady(1));
        return w.run(Duration.ofSeconds(20));
    }

    private static int resends(Verdict v) {
        return v.events().count(e -> e.kind() == EventKind.ISSUE && e.text().contains("after TASK_SET_FULL"));
    }

    @Test
    void aCommandAnsweredTaskSetFullIsResentUpToTheBound() {
        FrameworkConfig one = FrameworkConfig.defaults();
        Verdict v = run("plain-locked-fault-tolerant", one, HbaFault.TASK_SET_FULL, HbaFault.GOOD, HbaFault.TASK_SET_FULL);
        assertTrue(v.isClean(), v::describe);
        assertEquals(1, resends(v), "resent once; its second TASK_SET_FULL completes the I/O");
        assertEquals(3, v.events().count(e -> e.kind() == EventKind.ISSUE), v::describe);
        assertEquals(0, resends(run("plain-locked-fault-tolerant", one.withTaskSetFullResends(0), HbaFault.TASK_SET_FULL)));
        assertEquals(0, resends(run("plain-locked-fault-tolerant", one, HbaFault.BUSY)), "only TASK_SET_FULL is resent");
    }

    @Test
    void theLegacyPathResendsToo() {
        Verdict v = run("legacy-locked-interrupt-queue", FrameworkConfig.defaults(), HbaFault.TASK_SET_FULL);
        assertTrue(v.isClean(), v::describe);
        assertEquals(1, resends(v), v::describe);
        assertTrue(v.events().exists(e -> e.kind() == EventKind.ISSUE && e.text().startsWith("issue task")
                && e.text().contains("after TASK_SET_FULL")), v::describe);
    }

    @Test
    void aDesignThatForgetsTheResentTagLosesItsCompletionOnlyWhenTheKernelResends() {
        DesignEntry wrong = Catalogue.byName("task-set-full-resend-lost");
        Scenario s = Scenarios.TWO_COMPLETION_PATHS;
        Scenario noResend = new Scenario(s.name(), s.description(), s.path(), s.config().withTaskSetFullResends(0), s.workload());
        assertEquals(Set.of("CMP-1"), Exploration.explore(s, wrong, 40, 400, seen -> seen.contains("CMP-1")).firstByRule().keySet());
        assertTrue(Exploration.explore(noResend, wrong, 40, 400, seen -> false).firstByRule().isEmpty(), "no resend, no lost completion");
        assertTrue(Exploration.explore(s, Catalogue.byName("plain-locked-fault-tolerant"), 40, 400, seen -> false).firstByRule().isEmpty(),
                "the correct design takes the command out of its table before completing it");
    }

    @Test
    void aResendBoundOutsideTheRangeIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameworkConfig.defaults().withTaskSetFullResends(9));
        assertTrue(e.getMessage().contains("taskSetFullResends must be 0..8"), e.getMessage());
    }
}
