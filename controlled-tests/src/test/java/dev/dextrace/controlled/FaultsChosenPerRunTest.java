package dev.dextrace.controlled;

import dev.dextrace.engine.Budget;
import dev.dextrace.model.catalogue.BusyRetryDoubleRelease;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.hardware.HbaFault;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults the run chooses (issue 12): the exhaustive search enumerates fault assignments, finds a mistake no fixed
 * fault plan reaches, records the faults in the replay file, and a replay meets them again (or says it did not).
 */
class FaultsChosenPerRunTest {
    private static final DesignEntry BUSY_RETRY = Catalogue.byName("busy-retry-double-release");
    private static final ControlledSearch.Budget SMOKE = ControlledSearch.Budget.of(Budget.SMOKE);

    /** The same retry without the mistake: the give-up path releases once. */
    @DriverDesign(name = "busy-retry-test-twin", path = DriverDesign.Path.BUNDLED, summary = "busy-retry-double-release without its extra release")
    public static class BusyRetryCorrect extends BusyRetryDoubleRelease {
        @Override
        protected void releaseAfterGivingUp(dev.dextrace.model.driverkit.OSAction action) {
            // the retry took no reference: nothing to drop
        }
    }

    private static ControlledSearch.Report search(DesignEntry d, List<Scenario> scenarios) {
        return assertTimeoutPreemptively(Duration.ofMinutes(2), () -> ControlledSearch.run(d, scenarios, SMOKE, s -> { }));
    }

    @Test
    void theExhaustiveSearchFindsAMistakeOnlyAFaultCombinationShows() {
        ControlledSearch.Report r = search(BUSY_RETRY, List.of(Scenarios.FAULTS_CHOSEN_PER_RUN));
        assertTrue(r.rules().contains("ACT-1"), r.statements()::toString);
        ControlledSearch.Found f = r.firstByRule().get("ACT-1");
        // a command and its retry both BUSY: two BUSYs among the first three starts, which no fixed plan has
        assertEquals(2, Collections.frequency(f.replay().faults(), HbaFault.BUSY), f.replay()::toString);
        assertTrue(f.verdict().events().exists(e -> e.text().contains("done: BUSY")), "the events show the hardware's status");
        assertTrue(r.statements().get(0).toString().contains("fault assignments"), r.statements()::toString);
    }

    @Test
    void noFixedFaultPlanShowsIt() {
        List<Scenario> fixed = new ArrayList<>(Scenarios.forDesign(BUSY_RETRY).toJavaList());
        fixed.remove(Scenarios.FAULTS_CHOSEN_PER_RUN);
        ControlledSearch.Report r = search(BUSY_RETRY, fixed);
        assertEquals(List.of(), List.copyOf(r.rules()), r.statements()::toString);
    }

    @Test
    void theRetryWithoutTheMistakeStaysClean() {
        ControlledSearch.Report r = search(DesignEntry.of(BusyRetryCorrect.class), List.of(Scenarios.FAULTS_CHOSEN_PER_RUN));
        assertEquals(List.of(), List.copyOf(r.rules()), r.statements()::toString);
        assertTrue(r.statements().get(0).complete(), r.statements()::toString);
    }

    @Test
    void replayingTheFindingMeetsTheSameFaults() {
        ReplayFile file = search(BUSY_RETRY, List.of(Scenarios.FAULTS_CHOSEN_PER_RUN)).firstByRule().get("ACT-1").replay();
        ReplayFile.Replayed again = file.run(Duration.ofSeconds(20));
        assertTrue(again.verdict().rules().contains("ACT-1"), again.verdict()::describe);
        assertEquals(file.faults(), again.faults());
        assertEquals(java.util.Optional.empty(), again.divergence(file, file.lanes().size()));
    }

    @Test
    void aRecordedFaultTheRunDoesNotMeetIsADivergence() {
        ReplayFile file = search(BUSY_RETRY, List.of(Scenarios.FAULTS_CHOSEN_PER_RUN)).firstByRule().get("ACT-1").replay();
        List<HbaFault> more = new ArrayList<>(file.faults());
        more.add(HbaFault.CHECK_CONDITION); // a command the run never starts
        ReplayFile longer = new ReplayFile(file.design(), file.scenario(), file.expectedRule(), file.lanes(), more);
        assertTrue(longer.run(Duration.ofSeconds(20)).divergence(longer, longer.lanes().size()).orElse("").contains("the run started"));

        List<HbaFault> other = new ArrayList<>(file.faults());
        other.set(0, HbaFault.LOST_INTERRUPT); // not a fault the scenario offers
        ReplayFile changed = new ReplayFile(file.design(), file.scenario(), file.expectedRule(), file.lanes(), other);
        String why = changed.run(Duration.ofSeconds(20)).divergence(changed, changed.lanes().size()).orElse("");
        assertTrue(why.contains("command 1 met"), why);
        assertFalse(why.isEmpty());
    }
}
