package dev.dextrace.controlled;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.fixtures.DeferredCompletion;
import dev.dextrace.model.fixtures.DeferredCompletionRecordsLate;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A design with two queues of its own is searched in a second lane mapping too, and what it finds there replays
 * ({@link DeferredCompletionRecordsLate}: the completion queue looks a command up before Process records it, which shows
 * only where Default and the completion queue are on two lanes, which the engines' first mapping never does).
 */
class LaneMappingTest {
    @Test
    void aRaceOfDefaultAgainstBothQueuesOfTheDextShowsOnlyWhereBothRunOppositeDefault() {
        DesignEntry d = DesignEntry.of(DeferredCompletionRecordsLate.class);
        ControlledSearch.Report r = ControlledSearch.run(d, java.util.List.of(Scenarios.COMPLETION_RACES_SUBMISSION),
                ControlledSearch.Budget.of(dev.dextrace.engine.Budget.SMOKE), s -> { });
        assertEquals(java.util.List.of("completion-races-submission", "completion-races-submission+lanes-sc", "completion-races-submission+lanes-cc"),
                r.statements().stream().map(ControlledSearch.Statement::scenario).toList());
        assertEquals(0, r.statements().get(0).violatingRuns(), "the interrupt queue opposite Default, the completion queue with it: " + r.statements().get(0));
        assertEquals(0, r.statements().get(1).violatingRuns(), "the other way round: " + r.statements().get(1));
        assertTrue(r.firstByRule().containsKey("CMP-2"), r.firstByRule()::toString);
        assertEquals(new LaneMapping("cc"), r.firstByRule().get("CMP-2").scenario().laneMapping());
    }

    @Test
    void aFindingInAnotherMappingReplaysFromItsFileInThatMapping(@TempDir Path dir) {
        DesignEntry d = DesignEntry.of(DeferredCompletionRecordsLate.class);
        ControlledSearch.Report r = ControlledSearch.run(d, java.util.List.of(Scenarios.byName("completion-races-submission+lanes-cc")),
                ControlledSearch.Budget.of(dev.dextrace.engine.Budget.SMOKE), s -> { });
        ControlledSearch.Found f = r.firstByRule().get("CMP-2");
        assertTrue(f != null, r.firstByRule()::toString);
        ControlledSearch.writeReplays(r, dir);
        ReplayFile file = ReplayFile.read(ControlledSearch.replayFile(dir, d, f));
        assertEquals("completion-races-submission+lanes-cc", file.scenario());
        assertTrue(file.replay(Duration.ofSeconds(10)).rules().contains("CMP-2"), "replayed in the same mapping");
    }

    @Test
    void theCleanTwinIsCleanInEveryMappingAndSaysWhichQueuePairsItOverlapped() {
        DesignEntry d = DesignEntry.of(DeferredCompletion.class);
        ControlledSearch.Report r = ControlledSearch.run(d, java.util.List.of(Scenarios.COMPLETION_RACES_SUBMISSION),
                ControlledSearch.Budget.of(dev.dextrace.engine.Budget.SMOKE), s -> { });
        assertEquals(3, r.statements().size(), "searched in the three mappings");
        assertEquals(java.util.Set.of(), r.rules());
        Results.QueuePairs pairs = r.toResults(null).engines().get(ControlledSearch.ENGINE).queuePairs();
        assertEquals(java.util.List.of("CompletionQueue × Default", "CompletionQueue × InterruptQueue", "Default × InterruptQueue"),
                pairs.overlapped());
        assertEquals(java.util.List.of(), pairs.neverOverlapped());
    }

    @Test
    void aDesignWithOneQueueOfItsOwnIsSearchedInOneMapping() {
        DesignEntry oneQueue = Catalogue.byName("bundled-recommended");
        assertTrue(ControlledSearch.run(oneQueue, java.util.List.of(Scenarios.COMPLETION_RACES_SUBMISSION),
                        ControlledSearch.Budget.of(dev.dextrace.engine.Budget.SMOKE), s -> { }).statements().stream()
                .noneMatch(s -> s.scenario().contains("+lanes")));
    }
}
