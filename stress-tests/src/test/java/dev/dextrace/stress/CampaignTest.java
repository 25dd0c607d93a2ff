package dev.dextrace.stress;

import dev.dextrace.engine.Budget;
import dev.dextrace.engine.EngineMain;
import dev.dextrace.model.fixtures.DeferredCompletion;
import dev.dextrace.model.fixtures.DeferredCompletionRecordsLate;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.results.EngineExit;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.stress.fixtures.ClaimsSlot4;
import dev.dextrace.stress.fixtures.MislabelledDoubleComplete;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real jcstress runs through {@link EngineMain} on one scenario, to show the harness fails when it should: a false alarm, a
 * missed rule, a test jcstress skipped, a time limit, a campaign killed midway.
 */
class CampaignTest {
    private static final String SCENARIO = "completion-races-submission";
    private static final Path ROOT = Path.of("target", "test-campaigns");

    @Test
    void gradesEachDesignAgainstItsDeclaration() throws Exception {
        Path out = ROOT.resolve("grading");
        int exit = campaign(out, "--designs", String.join(",", "double-complete", MislabelledDoubleComplete.class.getName(),
                ClaimsSlot4.class.getName()), "--scenarios", SCENARIO, "--set", "args=-time 200");

        Results r = ResultsIO.read(out.resolve("jcstress.json"));
        assertEquals(EngineExit.NOT_AS_EXPECTED.code, exit, "a false alarm and a missed rule fail the campaign");
        assertEquals(Results.EngineStatus.RAN, r.engines().get("jcstress").status(), r.engines().toString());
        Map<String, Results.Design> byName = r.designs().stream().collect(Collectors.toMap(Results.Design::name, d -> d));

        Results.Design good = byName.get("double-complete");
        assertEquals(Results.Grade.AS_EXPECTED, good.verdict());
        Results.DesignEngine e = good.engines().get("jcstress");
        assertTrue(e.ran());
        assertEquals(List.of("SLOT-4"), e.rules());
        assertTrue(e.samples() > 0 && e.samplesPerSecond() > 0);
        assertTrue(e.firstDetectionMillisByRule().containsKey("SLOT-4"));
        Results.Outcome top = e.histograms().get(0).outcomes().get(0);
        assertEquals(SCENARIO, e.histograms().get(0).scenario());
        assertEquals("EXPECTED SLOT-4", top.outcome());
        assertEquals("ACCEPTABLE_INTERESTING", top.expectation());
        assertFalse(good.findings().isEmpty());
        for (Results.Finding f : good.findings()) {
            assertEquals("SLOT-4", f.rule());
            assertTrue(f.events().stream().anyMatch(Results.Event::violation));
            Path replay = ReplayCommand.fileOf(f.replayCommand()).orElseThrow();
            assertEquals(MislabelledDoubleComplete.class.getSuperclass().getName(), ReplayFile.read(replay).design());
        }
        // what jcstress cannot do: the recorded interleaving of a finding re-executes on the controlled runtime
        String first = good.findings().get(0).replayCommand();
        ReplayFile recorded = ReplayFile.read(ReplayCommand.fileOf(first).orElseThrow());
        assertTrue(recorded.replay(java.time.Duration.ofSeconds(20)).rules().contains("SLOT-4"), "the jcstress finding replays");
        assertTrue(Files.exists(out.resolve("jcstress-html").resolve("double-complete").resolve("index.html")));

        Results.Design mislabelled = byName.get("mislabelled-double-complete");
        assertEquals(Results.Grade.FALSE_ALARM, mislabelled.verdict());
        assertEquals("FORBIDDEN", mislabelled.engines().get("jcstress").histograms().get(0).outcomes().get(0).expectation());

        Results.Design claims = byName.get("claims-slot-4");
        assertEquals(Results.Grade.MISSED, claims.verdict());
        assertTrue(claims.engines().get("jcstress").ran());
        assertEquals(List.of(), claims.foundRules());
    }

    /**
     * A race only another lane mapping overlaps (the completion queue, the dext's second, opposite Default): each fork
     * samples its scenario in every mapping in turn, the finding and its replay name the mapping, the clean twin stays
     * clean in all of them, and results.json says which queue pairs jcstress overlapped. Two scenarios, so each
     * scenario's results are its own although one jcstress class runs both.
     */
    @Test
    void aRaceOnlyAnotherLaneMappingOverlapsIsFoundInThatMappingAndTheCleanTwinStaysClean() throws Exception {
        Path out = ROOT.resolve("lanes");
        String scenarios = SCENARIO + ",release-races-completion";
        int exit = campaign(out, "--designs", DeferredCompletionRecordsLate.class.getName() + "," + DeferredCompletion.class.getName()
                + ",double-complete", "--scenarios", scenarios, "--set", "args=-time 300");

        Results r = ResultsIO.read(out.resolve("jcstress.json"));
        Map<String, Results.Design> byName = r.designs().stream().collect(Collectors.toMap(Results.Design::name, d -> d));
        assertEquals(0, exit, r.designs().toString());
        Results.Design racy = byName.get("deferred-completion-records-late");
        assertEquals(Results.Grade.AS_EXPECTED, racy.verdict());
        assertTrue(racy.foundRules().contains("CMP-2"), racy.foundRules()::toString);
        List<Results.Finding> cmp2 = racy.findings().stream().filter(f -> f.rule().equals("CMP-2")).toList();
        assertFalse(cmp2.isEmpty());
        for (Results.Finding f : cmp2) {
            assertTrue(f.scenario().endsWith("+lanes-cc"), "only where both of the dext's queues run opposite Default: " + f.scenario());
            assertEquals(f.scenario(), ReplayFile.read(ReplayCommand.fileOf(f.replayCommand()).orElseThrow()).scenario());
        }
        // A recording taken where two threads contended for an IOLock may not replay (the lock's event comes before the
        // taking: stress-tests/README "Replays"); a recording in the mapping replays in the mapping.
        assertTrue(racy.findings().stream().anyMatch(f -> ReplayFile.read(ReplayCommand.fileOf(f.replayCommand()).orElseThrow())
                .replay(java.time.Duration.ofSeconds(20)).rules().contains(f.rule())), "a finding in another mapping replays there");
        Results.DesignEngine racyJcstress = racy.engines().get("jcstress");
        assertEquals(List.of(SCENARIO, "release-races-completion"), racyJcstress.histograms().stream().map(Results.Histogram::scenario).toList(),
                "one histogram per scenario, its mappings together");
        assertTrue(racyJcstress.histograms().stream().allMatch(h -> h.outcomes().stream().mapToLong(Results.Outcome::count).sum() > 0));
        assertTrue(racyJcstress.queuePairs().overlapped().contains("CompletionQueue × Default"), racyJcstress.queuePairs()::toString);
        assertEquals(List.of(), racyJcstress.queuePairs().neverOverlapped(), "every pair overlapped in some mapping");

        Results.Design clean = byName.get("deferred-completion");
        assertEquals(Results.Grade.AS_EXPECTED, clean.verdict());
        assertEquals(List.of(), clean.foundRules(), "clean in every mapping");
        assertTrue(clean.engines().get("jcstress").samples() > 0);

        // A design with one queue of its own has one mapping: one fork per scenario, as before.
        Results.DesignEngine one = byName.get("double-complete").engines().get("jcstress");
        assertEquals(List.of("Default × InterruptQueue"), one.queuePairs().overlapped());
        assertTrue(byName.get("double-complete").findings().stream().noneMatch(f -> f.scenario().contains("+lanes")));
    }

    @Test
    void aDriverThatSpinsDeadlocksOrThrowsIsAFindingNotAFailedRun() throws Exception {
        Path out = ROOT.resolve("faults");
        int exit = campaign(out, "--designs", "spinning-process,iolock-abba-deadlock,throwing-interrupt-handler,bundled-recommended",
                "--scenarios", SCENARIO);

        Results r = ResultsIO.read(out.resolve("jcstress.json"));
        assertEquals(0, exit, r.designs().toString());
        Map<String, Results.Design> byName = r.designs().stream().collect(Collectors.toMap(Results.Design::name, d -> d));
        byName.values().forEach(d -> {
            assertEquals(Results.Grade.AS_EXPECTED, d.verdict(), d.name());
            assertTrue(d.engines().get("jcstress").ran(), d.name() + " ran");
        });

        // the fork spun: its watchdog kept the hung sample and halted it; the design ran and showed HANG-1
        Results.DesignEngine spin = byName.get("spinning-process").engines().get("jcstress");
        assertEquals(List.of("HANG-1"), spin.rules());
        assertEquals("EXPECTED HANG-1 (fork halted)", spin.histograms().get(0).outcomes().get(0).outcome());
        Results.Finding hang = byName.get("spinning-process").findings().get(0);
        assertTrue(hang.message().contains("Process(") && hang.message().contains("SpinningProcess.java:"), hang.message());

        assertTrue(byName.get("iolock-abba-deadlock").foundRules().contains("Q-4"));
        assertTrue(byName.get("throwing-interrupt-handler").findings().stream()
                .anyMatch(f -> f.rule().equals("EXC-1") && f.message().contains("NullPointerException")));
        assertEquals(List.of(), byName.get("bundled-recommended").foundRules());
    }

    /**
     * Both scenarios share a fork; it hangs in one of them and its watchdog halts it: the other scenario gets a fork of
     * its own in the next round (where this design hangs too), so each scenario is run, with its own hung sample.
     */
    @Test
    void aHangInOneScenarioOfASharedForkLeavesTheOtherScenarioRun() throws Exception {
        Path out = ROOT.resolve("shared-hang");
        List<String> scenarios = List.of(SCENARIO, "release-races-completion");
        int exit = campaign(out, "--designs", "spinning-process", "--scenarios", String.join(",", scenarios));

        Results r = ResultsIO.read(out.resolve("jcstress.json"));
        assertEquals(0, exit, r.designs().toString());
        Results.DesignEngine spin = r.designs().get(0).engines().get("jcstress");
        assertTrue(spin.ran());
        assertEquals(scenarios, spin.histograms().stream().map(Results.Histogram::scenario).toList());
        spin.histograms().forEach(h -> assertEquals("EXPECTED HANG-1 (fork halted)", h.outcomes().get(0).outcome(), h.scenario()));
    }

    @Test
    void aTestJcstressSkipsFailsTheCampaign() throws Exception {
        Path out = ROOT.resolve("skipped");
        // jcstress 0.16 skips a 2-actor test on 1 CPU without a word, and exits 0.
        int exit = campaign(out, "--designs", "double-complete", "--scenarios", SCENARIO, "--set", "args=-c 1");

        Results r = ResultsIO.read(out.resolve("jcstress.json"));
        assertEquals(EngineExit.NOT_AS_EXPECTED.code, exit);
        assertEquals(Results.EngineStatus.FAILED, r.engines().get("jcstress").status());
        assertTrue(r.engines().get("jcstress").reason().contains("did not run: jcstress skipped it: 2 actors, 1 CPU(s)"),
                r.engines().get("jcstress").reason());
        assertEquals(Results.Grade.NOT_RUN, r.designs().get(0).verdict());
        assertFalse(r.designs().get(0).engines().get("jcstress").ran());
    }

    @Test
    void aTestJcstressDoesNotKnowIsNoticed() throws Exception {
        // What a filter matching nothing looks like from here: jcstress runs nothing and says nothing.
        Jcstress jcstress = new Jcstress(JcstressOptions.of(Budget.SMOKE.jcstress(), List.of()));
        String missing = "dev.dextrace.stress.scenarios.NoSuchScenario";
        Path out = ROOT.resolve("unknown");
        Jcstress.Job job = new Jcstress.Job(List.of("x"), missing, List.of(), 300);
        List<Jcstress.Forked> results = jcstress.run(out.resolve("jcstress-results-x.bin.gz"), out.resolve("html"), r -> { },
                (round, soFar) -> round == 0 ? List.of(job) : List.of());
        assertTrue(results.isEmpty());
        assertTrue(jcstress.whyNotRun(missing).startsWith("jcstress has no test " + missing), jcstress.whyNotRun(missing));
    }

    @Test
    void aTimeLimitLeavesValidResults() throws Exception {
        Path out = ROOT.resolve("timeout");
        int exit = campaign(out, "--designs", "double-complete,partial-response", "--scenarios", SCENARIO, "--timeout", "1ms",
                "--run-id", "run-3");

        Results r = ResultsIO.read(out.resolve("jcstress.json"));
        assertEquals(new Results.Run("run-3", "double-complete,partial-response", SCENARIO, "smoke"), r.run(), "the run that asked");
        assertEquals(EngineExit.NOT_AS_EXPECTED.code, exit);
        assertEquals(Results.EngineStatus.TIMED_OUT, r.engines().get("jcstress").status());
        assertEquals(List.of("double-complete", "partial-response"), r.designs().stream().map(Results.Design::name).toList());
    }

    @Test
    void aCampaignKilledMidwayLeavesValidResultsForWhatFinished() throws Exception {
        Path out = ROOT.resolve("killed");
        Path json = out.resolve("jcstress.json");
        Files.deleteIfExists(json);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EngineMain.class.getName(), "--engine", "jcstress",
                "--designs", "double-complete,partial-response,wrong-task-identifier", "--scenarios", SCENARIO,
                "--set", "args=-time 3000", "--out", out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolveSibling("killed.log").toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (!firstDesignDone(json) && System.currentTimeMillis() < deadline && p.isAlive()) {
                Thread.sleep(200);
            }
            assertTrue(firstDesignDone(json), "the first design should finish within two minutes");
            p.destroy(); // SIGTERM, as a CI job's cancel sends
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }

        Results r = ResultsIO.read(json);
        assertEquals(Results.EngineStatus.INTERRUPTED, r.engines().get("jcstress").status(), r.engines().toString());
        assertEquals(Results.Grade.AS_EXPECTED, r.designs().get(0).verdict());
        assertEquals(Results.Grade.NOT_RUN, r.designs().get(2).verdict());
    }

    private static boolean firstDesignDone(Path json) {
        try {
            return Files.exists(json) && !ResultsIO.read(json).designs().get(0).engines().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static int campaign(Path out, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--engine", "jcstress"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        if (Files.exists(out)) {
            try (Stream<Path> old = Files.walk(out)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return EngineMain.commandLine().execute(all.toArray(String[]::new));
    }
}
