package dev.dextrace.lincheck;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.hardware.HbaFault;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lincheck under faults the run chooses (issue 12): each invocation takes its faults from its number, and the
 * re-run that prints a failing invocation's trace meets the same faults, so the catch is kept and replays.
 */
class FaultsChosenLincheckTest {
    @Test
    void lincheckFindsAMistakeOnlyAFaultCombinationShowsAndItReplaysWithItsFaults() throws Exception {
        DesignEntry d = Catalogue.byName("busy-retry-double-release");
        DesignSearch.Report r = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> DesignSearch.run(d,
                List.of(Scenarios.FAULTS_CHOSEN_PER_RUN), CatalogueLincheckTest.WRONG_BUDGET, DesignSearch.Goal.EXPECTED_RULES,
                DesignSearch.Stop.DECLARED_OR_UNFORESEEN,
                DextraceLincheck.TRACES, s -> { }));
        assertEquals(Set.of("ACT-1"), r.rules(), () -> r.searches().toString());
        DesignSearch.Catch c = r.caught().get("ACT-1");
        System.out.println("CATCH busy-retry-double-release ACT-1 by Lincheck at interleaving " + c.found().invocation() + ", "
                + c.millisFromDesignStart() + " ms");
        ReplayFile recorded = ReplayFile.read(c.replayFile());
        assertTrue(Collections.frequency(recorded.faults(), HbaFault.BUSY) >= 2, recorded::toString); // a command and its retry
        ReplayFile.Replayed again = recorded.run(Duration.ofSeconds(20));
        assertTrue(again.verdict().rules().contains("ACT-1"), again.verdict()::describe);
        assertEquals(recorded.faults(), again.faults());
    }

    @Test
    void theCorrectDesignStaysCleanUnderChosenFaults() {
        DesignEntry d = Catalogue.byName("plain-locked-fault-tolerant");
        DesignSearch.Report r = assertTimeoutPreemptively(Duration.ofMinutes(3), () -> DesignSearch.run(d,
                List.of(Scenarios.FAULTS_CHOSEN_PER_RUN), CatalogueLincheckTest.CLEAN_BUDGET, DesignSearch.Goal.EXPECTED_RULES,
                DesignSearch.Stop.EVERY_SCENARIO,
                DextraceLincheck.TRACES, s -> { }));
        assertTrue(r.caught().isEmpty(), () -> r.rules().toString());
        assertEquals(CatalogueLincheckTest.CLEAN_BUDGET, r.invocations());
    }
}
