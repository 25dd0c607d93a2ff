package dev.dextrace.lincheck;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LincheckCampaignTest {
    @Test
    void writesResultsTheReportReads(@TempDir Path out) throws Exception {
        int exit = new CommandLine(new LincheckCampaign()).execute("--designs=cancel-framework-action", "--scenarios=completion-races-submission",
                "--invocations=5", "--out=" + out, "--traces=" + out.resolve("traces"));
        assertEquals(0, exit);
        Results r = ResultsIO.read(out.resolve("lincheck.json"));
        assertEquals(Results.EngineStatus.RAN, r.engines().get("lincheck").status());
        Results.Design d = r.designs().get(0);
        assertEquals(Results.Verdict.AS_EXPECTED, d.verdict());
        assertEquals(java.util.List.of("ACT-3"), d.engines().get("lincheck").rules());
        Results.Finding f = d.findings().get(0);
        assertTrue(f.lincheckTrace().contains("ACT-3") && !f.events().isEmpty(), f::lincheckTrace);
        assertNotNull(f.replayCommand());
        assertTrue(f.replayCommand().contains("Replay"), f::replayCommand);
    }

    @Test
    void refusesAnUnknownBudget(@TempDir Path out) {
        assertEquals(2, new CommandLine(new LincheckCampaign()).execute("--budget=huge", "--out=" + out));
    }
}
