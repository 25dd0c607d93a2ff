package dev.dextrace.model.hardware;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault spaces, the run's choice from them, and the faults a replay file records. */
class FaultSpaceTest {
    private static final Scenario CHOSEN = Scenarios.FAULTS_CHOSEN_PER_RUN;
    private static final DesignEntry CORRECT = Catalogue.byName("plain-locked-fault-tolerant");

    private record Run(List<HbaFault> faults, List<String> events) {
    }

    private static Run run(long seed) {
        World w = CHOSEN.load(CHOSEN.builder(CORRECT).twoLanes().controlled(Strategy.seeded(seed)).faults(FaultChooser.seeded(seed)));
        Verdict v = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> w.run(Duration.ofSeconds(20)));
        assertTrue(v.isClean(), v::describe);
        return new Run(w.hardware().faultsMet(), v.events().map(ProtocolEvent::toString).toJavaList());
    }

    @Test
    void theSameSeedMeetsTheSameFaultsAndOtherSeedsOthers() {
        Set<List<HbaFault>> seen = new HashSet<>();
        for (long seed = 0; seed < 12; seed++) {
            Run a = run(seed);
            assertEquals(a, run(seed), "seed " + seed);
            seen.add(a.faults());
        }
        assertTrue(seen.size() > 6, "12 seeds, faults met: " + seen);
    }

    @Test
    void aFixedPlanIsASpaceOfOneOptionPerStart() {
        FaultSpace plan = FaultSpace.plan(HbaFault.CHECK_CONDITION, HbaFault.GOOD);
        assertEquals(List.of(HbaFault.CHECK_CONDITION), plan.options(0));
        assertEquals(List.of(HbaFault.GOOD), plan.options(5));
        assertEquals(1, plan.assignments(2).size());
        assertTrue(!plan.chooses() && Scenarios.ERROR_PATHS.chooses());
    }

    @Test
    void theExhaustiveBoundCountsAssignmentsByFaultsChosen() {
        // 3 starts of 6 options: none chosen, 3 x 5 with one, 3 x 25 with two
        List<FaultSpace.Assignment> all = Scenarios.ERROR_PATHS.assignments(2);
        assertEquals(91, all.size());
        assertEquals(List.of(1L, 15L, 75L), List.of(0, 1, 2).stream().map(k -> all.stream().filter(a -> a.chosen() == k).count()).toList());
        assertEquals(91, new HashSet<>(all.stream().map(FaultSpace.Assignment::faults).toList()).size());
        assertEquals(List.of(HbaFault.GOOD, HbaFault.GOOD, HbaFault.GOOD), all.get(0).faults());
    }

    @Test
    void aReplayFileKeepsTheFaultsAndAnOlderFileStillLoads(@TempDir Path dir) throws Exception {
        ReplayFile f = new ReplayFile("plain-locked-fault-tolerant", CHOSEN.name(), null, List.of("submitter"),
                List.of(HbaFault.BUSY, HbaFault.GOOD, HbaFault.TASK_SET_FULL));
        Path file = dir.resolve("f.replay");
        f.write(file);
        assertTrue(Files.readString(file).contains("faults: BUSY GOOD TASK_SET_FULL\n"));
        assertEquals(f, ReplayFile.read(file));

        Path old = dir.resolve("old.replay");
        Files.writeString(old, "# dextrace replay v1\ndesign: plain-locked-fault-tolerant\nscenario: two-completion-paths\nexpect: \nlanes: submitter\n");
        assertNull(ReplayFile.read(old).faults());

        Path bad = dir.resolve("bad.replay");
        Files.writeString(bad, Files.readString(file).replace("BUSY GOOD", "BUSY SOMETIMES"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayFile.read(bad));
        assertTrue(e.getMessage().contains("faults: 'SOMETIMES' is not a fault") && e.getMessage().contains("CHECK_CONDITION"), e.getMessage());
    }

    @Test
    void aFixedScenarioRecordsItsPlanAndTheEventsSayTheStatus() {
        World w = Scenarios.TWO_COMPLETION_PATHS.loadWithoutPreemption(CORRECT);
        Verdict v = w.run(Duration.ofSeconds(20));
        assertEquals(List.of(HbaFault.GOOD, HbaFault.PARTIAL_TRANSFER, HbaFault.BUSY, HbaFault.TASK_SET_FULL),
                w.hardware().faultsMet().subList(0, 4));
        assertTrue(v.events().exists(e -> e.text().endsWith("done: BUSY, 0 bytes moved")), v::describe);
        assertTrue(v.events().exists(e -> e.text().contains("done: GOOD, 4096 bytes moved") || e.text().contains("done: GOOD, ")), v::describe);
    }

    @Test
    void aChooserThatPicksOutsideTheSpaceOrNothingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FaultSpace(List.of(List.of())));
        assertThrows(IllegalArgumentException.class, () -> FaultSpace.plan(HbaFault.GOOD, null));
        assertThrows(IllegalArgumentException.class, () -> CHOSEN.builder(CORRECT).faults(null));
    }
}
