package dev.dextrace.lincheck;

import dev.dextrace.engine.EngineMain;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LincheckEngineTest {
    @Test
    void writesResultsTheReportReads(@TempDir Path out) throws Exception {
        int exit = EngineMain.commandLine().execute("--engine=lincheck", "--designs=cancel-framework-action",
                "--scenarios=completion-races-submission", "--set", "invocations=5", "--out=" + out, "--set", "traces=" + out.resolve("traces"),
                "--run-id=run-7");
        assertEquals(0, exit);
        Results r = ResultsIO.read(out.resolve("lincheck.json"));
        assertEquals(new Results.Run("run-7", "cancel-framework-action", "completion-races-submission", "smoke"), r.run(),
                "the run that asked, and what it selected");
        assertEquals(Results.EngineStatus.RAN, r.engines().get("lincheck").status());
        Results.Design d = r.designs().get(0);
        assertEquals(Results.Grade.AS_EXPECTED, d.verdict());
        assertEquals(List.of("ACT-3"), d.engines().get("lincheck").rules());
        Results.Finding f = d.findings().get(0);
        assertTrue(f.lincheckTrace().contains("ACT-3") && !f.events().isEmpty(), f::lincheckTrace);
        assertNotNull(f.replayCommand());
        assertTrue(ReplayCommand.fileOf(f.replayCommand()).map(java.nio.file.Files::isRegularFile).orElse(false),
                "the command names the replay file it kept: " + f.replayCommand());
    }

    @Test
    void refusesAnUnknownBudgetOrScenarioNamingTheOption(@TempDir Path out) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, EngineMain.commandLine().execute("--engine=lincheck", "--budget=huge", "--out=" + out));
            assertEquals(2, EngineMain.commandLine().execute("--engine=lincheck", "--scenarios=nonsense", "--out=" + out));
        } finally {
            System.setErr(err);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("error: --budget 'huge' is not known; budgets: smoke, full, tough", lines.get(0));
        assertTrue(lines.get(1).startsWith("error: scenario 'nonsense' does not exist; scenarios: ") && !lines.get(1).contains("budget"),
                lines.get(1));
    }
}
