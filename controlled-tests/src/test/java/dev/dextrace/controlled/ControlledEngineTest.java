package dev.dextrace.controlled;

import dev.dextrace.engine.EngineMain;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlledEngineTest {
    @TempDir
    Path out;

    /** Runs the main's command; returns the exit code and what it printed on stderr. */
    private static Object[] execute(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "--engine=controlled";
            System.arraycopy(args, 0, all, 1, args.length);
            int code = EngineMain.commandLine().execute(all);
            return new Object[]{code, captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--budget=huge                 | --budget 'huge' is not known; budgets: smoke, full, tough",
            "--designs=no-such-design      | design 'no-such-design' is not in the catalogue; designs: legacy-serial,",
            "--scenarios=no-such-scenario  | scenario 'no-such-scenario' does not exist; scenarios: completion-races-submission,",
            "--set=depth=3                 | --set 'depth' is not a setting of controlled; settings: reduction",
            "--set=reduction=maybe         | --set reduction='maybe' is not allowed; values: true, false",
            "--timeout=soon                | --timeout 'soon' is not a duration like 90s, 8m or 1h"})
    void badInputIsOneLineNamingTheFieldAndTheAllowedValues(String arg, String message) {
        Object[] r = execute(arg, "--out=" + out);
        assertEquals(CommandLine.ExitCode.USAGE, r[0]);
        String err = ((String) r[1]).strip();
        assertTrue(err.startsWith("error: " + message), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void anEngineWithAShareStartsNoDesignAfterItAndSaysHowFarItGot() throws Exception {
        Object[] r = execute("--designs=double-complete,bundled-recommended,early-release", "--scenarios=completion-races-submission",
                "--budget=smoke", "--share=1ms", "--out=" + out);
        assertEquals(0, r[0], "a share used is a run as planned: " + r[1]);
        Results results = ResultsIO.read(out.resolve("controlled.json"));
        Results.EngineRun run = results.engines().get("controlled");
        assertEquals(Results.EngineStatus.RAN, run.status());
        assertTrue(run.reason().startsWith("its share of 0.001s was used after 1 of 3 designs done"), run.reason());
        assertEquals(java.util.List.of(Results.Grade.AS_EXPECTED, Results.Grade.NOT_RUN, Results.Grade.NOT_RUN),
                results.designs().stream().map(Results.Design::verdict).toList(), "the first design is searched, the rest are not");

        Object[] none = execute("--designs=double-complete,bundled-recommended", "--scenarios=completion-races-submission",
                "--budget=smoke", "--share=none", "--out=" + out);
        assertEquals(0, none[0]);
        assertTrue(ResultsIO.read(out.resolve("controlled.json")).designs().stream().allMatch(d -> d.verdict() == Results.Grade.AS_EXPECTED));
        assertEquals(CommandLine.ExitCode.USAGE, execute("--share=soon", "--out=" + out)[0], "a share that is no duration is refused");
    }

    @Test
    void writesResultsWithAStatementPerScenarioAndReplayFilesThatReplay() throws Exception {
        Object[] r = execute("--designs=attempt2-bundled-isr,bundled-mixed-completion", "--scenarios=completion-races-submission",
                "--budget=smoke", "--run-id=run-42", "--out=" + out);
        assertEquals(0, r[0], (String) r[1]);
        Results results = ResultsIO.read(out.resolve("controlled.json"));
        assertEquals(new Results.Run("run-42", "attempt2-bundled-isr,bundled-mixed-completion", "completion-races-submission", "smoke"),
                results.run());
        assertEquals(Results.EngineStatus.RAN, results.engines().get("controlled").status());
        assertEquals(2, results.designs().size());
        for (Results.Design d : results.designs()) {
            assertEquals(Results.Grade.AS_EXPECTED, d.verdict(), d.name());
            Results.DesignEngine e = d.engines().get("controlled");
            assertTrue(e.statement().containsKey("completion-races-submission"), e.statement()::toString);
        }
        Results.Design clean = results.designs().get(1);
        assertTrue(clean.engines().get("controlled").statement().get("completion-races-submission")
                .matches("exhaustive up to 1 preemption: \\d+ interleavings run.*, 0 violations; PCT: 20 runs at depth 2 .*"),
                clean.engines().get("controlled").statement()::toString);
        Results.Design wrong = results.designs().get(0);
        assertEquals(wrong.foundRules().size(), wrong.findings().size());
        for (Results.Finding f : wrong.findings()) {
            Path replay = out.resolve("controlled-replays/attempt2-bundled-isr/completion-races-submission-" + f.rule() + ".replay");
            assertTrue(Files.exists(replay), replay::toString);
            assertTrue(f.replayCommand().endsWith(replay.toAbsolutePath().toString()), f.replayCommand());
            Verdict v = ReplayFile.read(replay).replay(Duration.ofSeconds(20));
            assertTrue(v.rules().contains(f.rule()), f.rule() + " replayed as " + v.outcome());
        }
    }
}
