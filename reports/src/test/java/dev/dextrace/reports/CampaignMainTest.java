package dev.dextrace.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The campaign's options, and its detection benchmark mode end to end (with engines that cannot start here). */
class CampaignMainTest {
    /** Runs the campaign with these arguments; returns the exit code and what it printed to stderr. */
    static Object[] campaign(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new CampaignMain()).execute(args);
            return new Object[]{code, captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void badRunsAndScaleAreRefusedNamingTheOption(@TempDir Path dir) {
        for (String[] args : new String[][]{{"--runs", "0"}, {"--runs", "1001"}, {"--runs", "2", "--merge-only"}}) {
            Object[] r = campaign(concat(args, "--work", dir.toString(), "--out", dir.toString()));
            assertEquals(2, r[0], String.join(" ", args));
            assertTrue(((String) r[1]).contains("--runs must be between 1 and 1000"), (String) r[1]);
        }
        Object[] r = campaign("--scale", dir.resolve("none.json").toString(), "--work", dir.toString(), "--out", dir.toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("--scale: no file"), (String) r[1]);
    }

    @Test
    void runsTheCampaignRTimesAndJoinsThemIntoDetectionJsonAndTheReport(@TempDir Path dir) throws Exception {
        // The engines' classes are not on this module's test class path: each run's engine fails at once, which
        // is enough to see the runs joined (and that a campaign whose engine failed still counts as a run).
        Object[] r = campaign("--runs", "2", "--engines", "lincheck", "--designs", "double-complete,bundled-recommended",
                "--scenarios", "completion-races-submission", "--budget", "smoke", "--scale", ScaleViewTest.fixture().toString(),
                "--work", dir.resolve("work").toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, r[0], "nothing was found, so the targets do not hold");
        assertTrue(Files.exists(dir.resolve("work/run-1/report/results.json")) && Files.exists(dir.resolve("work/run-2/report/results.json")));
        JsonNode d = DetectionBenchmark.JSON.readTree(dir.resolve("out/detection.json").toFile());
        assertEquals(2, d.path("runs").size());
        assertEquals(2, d.path("runsPlanned").asInt());
        assertEquals("not run", d.path("runs").get(0).path("engines").path("lincheck").asText(), "it wrote no results");
        assertFalse(d.path("targets").get(0).path("holds").asBoolean());
        String html = Files.readString(dir.resolve("out/index.html"));
        assertTrue(html.contains("id=\"detection\"") && html.contains("id=\"scale\""), "both sections in the report");
        assertTrue(Files.exists(dir.resolve("out/results.json")), "the last run's results beside the report");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
