package dev.dextrace.lincheck;

import dev.dextrace.engine.EngineMain;
import dev.dextrace.model.fixtures.DeferredCompletion;
import dev.dextrace.model.fixtures.DeferredCompletionRecordsLate;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lincheck engine searches a design's scenarios in every lane mapping its queues need: a race only another
 * mapping overlaps (the dext's completion queue opposite Default) is caught there, its clean twin stays clean in
 * every mapping, and results.json says which queue pairs Lincheck overlapped.
 */
class LaneMappingLincheckTest {
    @Test
    void aRaceOnlyAnotherMappingOverlapsIsCaughtThereAndTheCleanTwinIsCleanInEvery(@TempDir Path out) throws Exception {
        int exit = EngineMain.commandLine().execute("--engine=lincheck",
                "--designs=" + DeferredCompletionRecordsLate.class.getName() + "," + DeferredCompletion.class.getName(),
                "--scenarios=completion-races-submission", "--set", "invocations=40", "--out=" + out,
                "--set", "traces=" + out.resolve("traces"));
        Results r = ResultsIO.read(out.resolve("lincheck.json"));
        Map<String, Results.Design> byName = r.designs().stream().collect(Collectors.toMap(Results.Design::name, d -> d));
        assertEquals(0, exit, r.designs().toString());

        Results.Design racy = byName.get("deferred-completion-records-late");
        assertEquals(Results.Grade.AS_EXPECTED, racy.verdict());
        List<Results.Finding> cmp2 = racy.findings().stream().filter(f -> f.rule().equals("CMP-2")).toList();
        assertFalse(cmp2.isEmpty(), racy.findings()::toString);
        assertTrue(cmp2.stream().allMatch(f -> f.scenario().equals("completion-races-submission+lanes-cc")),
                "caught where both of the dext's queues run opposite Default: " + cmp2.stream().map(Results.Finding::scenario).toList());

        Results.Design clean = byName.get("deferred-completion");
        assertEquals(Results.Grade.AS_EXPECTED, clean.verdict());
        assertEquals(List.of(), clean.foundRules(), "clean in every mapping");
        Results.QueuePairs pairs = clean.engines().get("lincheck").queuePairs();
        assertEquals(List.of("CompletionQueue × Default", "CompletionQueue × InterruptQueue", "Default × InterruptQueue"), pairs.overlapped());
        assertEquals(List.of(), pairs.neverOverlapped());
    }
}
