package dev.dextrace.controlled;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A design with two queues of its own is searched in a second lane mapping too, and what it finds there replays. */
class LaneMappingTest {
    /**
     * The interrupt queue (created first) hands the completion work to a second queue of the dext's own, and Process
     * records a command after starting the hardware: the completion work can run between the two (CMP-2) only where
     * Default and the completion queue are on two lanes, which the engines' first mapping never does.
     */
    @DriverDesign(name = "deferred-completion-records-late", path = DriverDesign.Path.BUNDLED, violates = "CMP-2",
            mayAlsoViolate = {"CMP-1", "ACT-1", "ACT-3"}, summary = "The completion queue looks a command up before Process records it")
    public static class DeferredCompletionRecordsLate extends BundledRecommended {
        private IODispatchQueue completionQueue;

        @Override
        public int UserInitializeController() {
            super.UserInitializeController();
            completionQueue = IODispatchQueue.Create("CompletionQueue", 0, 0);
            return IOReturn.kIOReturnSuccess;
        }

        @Override
        protected void startCommand(int slot, OSAction completion) {
            completion.retain();
            startHardware(slot);
            recordInFlight(slot, completion);
        }

        @Override
        protected void InterruptOccurred() {
            completionQueue.DispatchAsync(super::InterruptOccurred);
        }
    }

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
    void aDesignWithOneQueueOfItsOwnIsSearchedInOneMapping() {
        DesignEntry oneQueue = Catalogue.byName("bundled-recommended");
        assertTrue(ControlledSearch.run(oneQueue, java.util.List.of(Scenarios.COMPLETION_RACES_SUBMISSION),
                        ControlledSearch.Budget.of(dev.dextrace.engine.Budget.SMOKE), s -> { }).statements().stream()
                .noneMatch(s -> s.scenario().contains("+lanes")));
    }
}
