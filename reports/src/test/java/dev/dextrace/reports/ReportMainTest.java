package dev.dextrace.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ReportMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void writesThePageAndTheResultsAndSummarizesEachDesign(@TempDir Path dir) throws Exception {
        Path outDir = dir.resolve("race-report");

        assertEquals(0, run("--results", Fixture.path().toString(), "--out", outDir.toString()), err.toString());

        Path page = outDir.resolve("index.html");
        assertTrue(Files.readString(page).contains("attempt2-bundled-isr"));
        assertArrayEquals(Files.readAllBytes(Fixture.path()), Files.readAllBytes(outDir.resolve("results.json")),
                "the results are copied as they were, unknown fields included");
        assertEquals(List.of(page.toAbsolutePath().toString(),
                "apple-legacy-serial: as expected (found: none, expected: none)",
                "attempt2-bundled-isr: as expected (found: SLOT-5 Q-3 CMP-1, expected: Q-3 SLOT-5 CMP-1)",
                "attempt3-bundled-wrapper: missed (found: ACT-4, expected: ACT-4 ACT-5)",
                "attempt1-legacy-reentrant: not run (found: none, expected: Q-1 Q-4)"), out.toString().lines().toList());
    }

    @Test
    void rendersBesideResultsAlreadyInTheOutputDirectory(@TempDir Path dir) throws Exception {
        Path results = Files.copy(Fixture.path(), dir.resolve("results.json"));

        assertEquals(0, run("--results", results.toString(), "--out", dir.toString()), err.toString());

        assertTrue(Files.exists(dir.resolve("index.html")));
        assertArrayEquals(Files.readAllBytes(Fixture.path()), Files.readAllBytes(results));
    }

    @Test
    void missingResultsExitWithTwoAndOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("results.json");

        assertEquals(2, run("--results", missing.toString(), "--out", dir.toString()));

        assertEquals("error: results file " + missing + " does not exist" + System.lineSeparator(), err.toString());
        assertTrue(out.toString().isEmpty());
    }

    @Test
    void missingOptionExitsWithTwoAndOneLine() {
        assertEquals(2, run("--out", "somewhere"));

        assertEquals("error: Missing required option: '--results=<results.json>' (see --help)" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void brokenResultsExitWithTwoAndOneLine(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("results.json"), "{\"schemaVersion\": 1,\n\"designs\": [}");

        assertEquals(2, run("--results", broken.toString(), "--out", dir.toString()));

        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("error: results file " + broken + " line 2"), lines.get(0));
        assertTrue(Files.notExists(dir.resolve("index.html")));
    }
}
