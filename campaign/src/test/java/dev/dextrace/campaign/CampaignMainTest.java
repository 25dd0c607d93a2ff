package dev.dextrace.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The campaign's options, a real small campaign in a used workspace, and the detection benchmark mode end to end. */
class CampaignMainTest {
    /** A campaign's exit code and what it printed. */
    record Ran(int code, String out, String err) {
    }

    /** Runs the campaign in this JVM with these arguments. */
    static Ran campaign(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new CampaignMain()).execute(args);
            return new Ran(code, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void everyFilterAndTheBudgetAreCheckedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve("lincheck"));
        Files.writeString(work.resolve("lincheck/lincheck.json"), "left by an earlier run");
        String[][] cases = {
                {"--designs", "nonsense", "--designs: design 'nonsense' is not in the catalogue; designs: "},
                {"--scenarios", "nonsense", "--scenarios: scenario 'nonsense' does not exist; scenarios: completion-races-submission"},
                {"--budget", "huge", "--budget 'huge' is not known; budgets: smoke, full, tough"},
                {"--engines", "jcstress,spin", "--engines: 'spin' is not an engine; engines: controlled, jcstress, lincheck"},
                {"--scenarios", "legacy-path", "--scenarios: no selected scenario applies to a selected design"},
        };
        for (String[] c : cases) {
            String[] args = c[0].equals("--scenarios") && c[1].equals("legacy-path")
                    ? new String[]{"--designs", "double-complete", c[0], c[1]} : new String[]{c[0], c[1]};
            Ran r = campaign(concat(args, "--work", work.toString(), "--out", dir.resolve("out").toString(),
                    "--failure-file", dir.resolve("FAILED").toString()));
            assertEquals(2, r.code(), String.join(" ", args));
            assertTrue(r.err().startsWith("error: " + c[2]), r.err());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertEquals("", r.out(), "nothing started");
            assertTrue(Files.readString(dir.resolve("FAILED")).startsWith("2 USAGE"));
        }
        assertTrue(Files.exists(work.resolve("lincheck/lincheck.json")), "bad options clear nothing");
    }

    @Test
    void badRunsAndScaleAreRefusedNamingTheOption(@TempDir Path dir) {
        for (String[] args : new String[][]{{"--runs", "0"}, {"--runs", "1001"}, {"--runs", "2", "--merge-only"}}) {
            Ran r = campaign(concat(args, "--work", dir.toString(), "--out", dir.toString()));
            assertEquals(2, r.code(), String.join(" ", args));
            assertTrue(r.err().contains("--runs must be between 1 and 1000"), r.err());
        }
        Ran r = campaign("--scale", dir.resolve("none.json").toString(), "--work", dir.toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--scale: no file"), r.err());
    }

    @Test
    void aSecondCampaignWithABrokenFilterInAUsedWorkspaceFailsAndShowsNothingOld(@TempDir Path dir) throws Exception {
        String[] small = {"--designs", "double-complete", "--scenarios", "completion-races-submission", "--budget", "smoke",
                "--engines", "lincheck", "--work", dir.resolve("work").toString(), "--out", dir.resolve("out").toString()};
        Ran first = campaign(small);
        assertEquals(0, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("double-complete: as expected"), first.out());
        Results firstResults = ResultsIO.read(dir.resolve("out/results.json"));
        String firstRun = firstResults.run().id();
        assertEquals(firstRun, ResultsIO.read(dir.resolve("work/lincheck/lincheck.json")).run().id(), "the engine wrote the run's ID");

        String[] brokenArgs = small.clone();
        brokenArgs[3] = "nonsense"; // --scenarios
        Ran broken = campaign(brokenArgs);
        assertEquals(2, broken.code());
        assertTrue(broken.err().startsWith("error: --scenarios: scenario 'nonsense' does not exist"), broken.err());
        assertFalse(broken.out().contains("as expected"), "no stale verdict: " + broken.out());

        // The next good run moves the old engines' folder aside and reads only what it wrote itself.
        Ran second = campaign(small);
        assertEquals(0, second.code(), second.out() + second.err());
        Results secondResults = ResultsIO.read(dir.resolve("out/results.json"));
        assertFalse(secondResults.run().id().equals(firstRun));
        assertEquals(firstRun, ResultsIO.read(dir.resolve("work.previous/lincheck/lincheck.json")).run().id());
        assertTrue(Files.exists(dir.resolve("out/junit.xml")));
    }

    @Test
    void theControlledEngineRunsInTheCampaignWithItsRunIdAndReplays(@TempDir Path dir) throws Exception {
        Ran r = campaign("--designs", "double-complete,bundled-recommended", "--scenarios", "completion-races-submission",
                "--budget", "smoke", "--engines", "controlled", "--cores", "2",
                "--work", dir.resolve("work").toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("engine controlled: ran"), r.out());
        Results merged = ResultsIO.read(dir.resolve("out/results.json"));
        // Alone on 2 cores the engine runs as two processes, each searching the designs it claimed first.
        List<Results> parts = List.of(ResultsIO.read(dir.resolve("work/controlled/controlled.json")),
                ResultsIO.read(dir.resolve("work/controlled/part-2/controlled.json")));
        parts.forEach(p -> assertEquals(merged.run().id(), p.run().id(), "each process wrote the run's ID"));
        for (String name : List.of("double-complete", "bundled-recommended")) {
            assertEquals(1, parts.stream().flatMap(p -> p.designs().stream())
                    .filter(d -> d.name().equals(name) && d.engines().containsKey("controlled") && d.engines().get("controlled").ran()).count(), name + " is searched by exactly one process");
        }
        Results.Design wrong = design(merged, "double-complete");
        assertEquals(List.of("SLOT-4"), wrong.engines().get("controlled").rules());
        assertTrue(wrong.findings().stream().allMatch(f -> f.engine().equals("controlled")), wrong.findings()::toString);
        assertTrue(Files.exists(dir.resolve("out/replays/double-complete/1-SLOT-4.replay")), "its card's replay beside the report");
        try (var replays = Files.walk(dir.resolve("out/replays"))) {
            assertEquals(wrong.findings().size(), replays.filter(Files::isRegularFile).count(), "only the cards' replays, not the engines' raw ones");
        }
        assertEquals(List.of(), design(merged, "bundled-recommended").engines().get("controlled").rules());
        assertEquals(List.of("Default × InterruptQueue"), design(merged, "bundled-recommended").queuePairs().overlapped(),
                "which queues the engines overlapped, in results.json");
        assertTrue(Files.readString(dir.resolve("out/index.html")).contains("controlled: Default × InterruptQueue (on the two lanes"),
                "and in the report, as the engine's");
    }

    /**
     * A card's command, as the report prints it, run by a real mvn from the report folder of this checkout (a folder in
     * target/ at its root, as the campaign's own report): it compiles what it needs and shows the card's rule again.
     * One mvn run (about 10-20 s).
     */
    @Test
    void aCardsPrintedCommandReproducesItsRuleWhenRunFromTheReportFolder(@TempDir Path dir) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("model/pom.xml")), "runs in a module of the checkout: " + root);
        Path out = root.resolve("target/replay-command-check");
        Ran r = campaign("--designs", "double-complete", "--scenarios", "completion-races-submission", "--budget", "smoke",
                "--engines", "controlled", "--work", dir.resolve("work").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Results.Finding card = design(ResultsIO.read(out.resolve("results.json")), "double-complete").findings().get(0);
        String command = card.replayCommand();
        assertTrue(command.startsWith("mvn ") && command.contains(" -pl model "), command);
        Process mvn = new ProcessBuilder("sh", "-c", command).directory(out.toFile()).redirectErrorStream(true).start();
        Ran replayed;
        try {
            replayed = assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
                String text = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Ran(mvn.waitFor(), text, "");
            });
        } finally {
            mvn.descendants().forEach(ProcessHandle::destroyForcibly); // only when it hung: it has ended otherwise
            mvn.destroyForcibly();
        }
        String printed = replayed.out();
        assertEquals(0, replayed.code(), command + "\n" + printed);
        assertTrue(printed.contains("REPRODUCED " + card.rule()), printed);
        assertTrue(printed.contains("<-- " + card.rule()), "the interleaving, the violating event marked: " + printed);
    }

    private static Results.Design design(Results r, String name) {
        return r.designs().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void runsTheCampaignRTimesAndJoinsThemIntoDetectionJsonAndTheReport(@TempDir Path dir) throws Exception {
        Ran r = campaign("--runs", "2", "--engines", "lincheck", "--designs", "double-complete",
                "--scenarios", "completion-races-submission", "--budget", "smoke", "--scale", SCALE.toString(),
                "--work", dir.resolve("work").toString(), "--out", dir.resolve("out").toString());
        assertTrue(Files.exists(dir.resolve("work/run-1/report/results.json")) && Files.exists(dir.resolve("work/run-2/report/results.json")));
        JsonNode d = DetectionBenchmark.JSON.readTree(dir.resolve("out/detection.json").toFile());
        assertEquals(2, d.path("runs").size());
        assertEquals(2, d.path("runsPlanned").asInt());
        assertEquals("ran", d.path("runs").get(0).path("engines").path("lincheck").asText(), d.toString());
        boolean holds = true;
        for (JsonNode t : d.path("targets")) {
            holds &= t.path("holds").asBoolean();
        }
        assertEquals(holds ? 0 : 1, r.code(), "exit 0 exactly when the targets hold");
        String html = Files.readString(dir.resolve("out/index.html"));
        assertTrue(html.contains("id=\"detection\"") && html.contains("id=\"scale\""), "both sections in the report");
        assertTrue(Files.exists(dir.resolve("out/results.json")), "the last run's results beside the report");
        assertTrue(Files.exists(dir.resolve("out/junit.xml")), "and its JUnit XML");
    }

    /** The scale study the repository keeps (what the campaign shows by default). */
    private static final Path SCALE = Path.of("..", "benchmarks", "scale.json");

    static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
