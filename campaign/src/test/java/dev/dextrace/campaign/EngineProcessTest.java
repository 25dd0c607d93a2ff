package dev.dextrace.campaign;

import dev.dextrace.model.results.EngineExit;
import dev.dextrace.model.results.Results;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an engine's exit code means to the campaign. */
class EngineProcessTest {
    private static void assertOutcome(Results.EngineStatus status, String reasonPart, EngineProcess.Outcome o) {
        assertEquals(status, o.status(), o::toString);
        if (reasonPart != null) {
            assertTrue(o.reason().contains(reasonPart), o::reason);
        }
    }

    @Test
    void onlyTheEnginesRanCodesAreRan() {
        assertOutcome(Results.EngineStatus.RAN, null, EngineProcess.classify(EngineExit.AS_EXPECTED.code, false));
        assertOutcome(Results.EngineStatus.RAN, null, EngineProcess.classify(EngineExit.NOT_AS_EXPECTED.code, false));
        assertOutcome(Results.EngineStatus.FAILED, "uncaught exception", EngineProcess.classify(1, false));
        assertOutcome(Results.EngineStatus.FAILED, "refused its options", EngineProcess.classify(2, false));
        assertOutcome(Results.EngineStatus.FAILED, "SIGKILL", EngineProcess.classify(137, false));
        assertOutcome(Results.EngineStatus.FAILED, "exited with code 42", EngineProcess.classify(42, false));
    }

    @Test
    void aSignalOrTheCampaignsInterruptionIsInterruptedNotFailed() {
        assertOutcome(Results.EngineStatus.INTERRUPTED, "SIGINT", EngineProcess.classify(130, false));
        assertOutcome(Results.EngineStatus.INTERRUPTED, "SIGTERM", EngineProcess.classify(143, false));
        assertOutcome(Results.EngineStatus.INTERRUPTED, "the campaign was interrupted", EngineProcess.classify(1, true));
        assertOutcome(Results.EngineStatus.INTERRUPTED, "the campaign was interrupted", EngineProcess.classify(137, true));
        assertOutcome(Results.EngineStatus.RAN, null, EngineProcess.classify(0, true)); // it finished just before the signal
    }
}
