package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.results.ReportInputException;

import dev.dextrace.model.results.Results.Design;
import dev.dextrace.model.results.Results.EngineStatus;
import dev.dextrace.model.results.Results.Grade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsIOTest {

    @Test
    void readsTheFixtureAndIgnoresUnknownFields() {
        Results results = Fixture.results();

        assertEquals(List.of("apple-legacy-serial", "attempt2-bundled-isr", "attempt3-bundled-wrapper",
                "attempt1-legacy-reentrant"), results.designs().stream().map(Design::name).toList());
        assertEquals(EngineStatus.TIMED_OUT, results.engines().get("lincheck").status());
        Design isr = results.designs().get(1);
        assertEquals(Grade.AS_EXPECTED, isr.verdict());
        assertEquals(7, isr.findings().get(0).events().size());
        assertNull(isr.findings().get(0).lincheckTrace());
        assertEquals(List.of("mode", "jcstressTimeBudget", "lincheckInvocations", "filter"),
                List.copyOf(results.budget().keySet()), "budget keeps the file's order");
        Design notRun = results.designs().get(3);
        assertTrue(notRun.engines().isEmpty(), "absent engines read as an empty map");
    }

    @Test
    void writtenResultsReadBackEqual(@TempDir Path dir) throws Exception {
        Results original = Fixture.results();
        Path file = dir.resolve("results.json");

        ResultsIO.write(original, file);

        assertEquals(original, ResultsIO.read(file));
        assertTrue(Files.readString(file).contains("\"verdict\" : \"as expected\""), "enums are written as the schema spells them");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope/results.json");

        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsIO.read(missing));

        assertEquals("results file " + missing + " does not exist", e.getMessage());
    }

    static Stream<Arguments> brokenFiles() {
        String design = "{\"name\": \"d\", \"verdict\": \"missed\"}";
        return Stream.of(
                Arguments.of("empty file", "", List.of("the file is empty")),
                Arguments.of("not JSON", "{\n  \"schemaVersion\": 1,\n  \"designs\": [,]\n}",
                        List.of("line 3", "Unexpected character")),
                Arguments.of("truncated", "{\"schemaVersion\": 1, \"designs\": [",
                        List.of("line 1, column 34", "end-of-input", "(start marker at line: 1, column: 33)")),
                Arguments.of("missing generatedAt", "{\"schemaVersion\": 1, \"designs\": []}",
                        List.of("required field 'generatedAt' is missing")),
                Arguments.of("missing design name", top("{\"verdict\": \"missed\"}"),
                        List.of("at designs[0]", "required field 'name' is missing")),
                Arguments.of("missing event text", top("{\"name\": \"d\", \"verdict\": \"missed\", \"findings\": [{\"engine\": \"jcstress\","
                                + " \"rule\": \"Q-3\", \"events\": [{\"lane\": \"Default\"}]}]}"),
                        List.of("at designs[0].findings[0].events[0]", "required field 'text' is missing")),
                Arguments.of("bad verdict", top("{\"name\": \"d\", \"verdict\": \"maybe\"}"),
                        List.of("at designs[0].verdict", "\"maybe\" is not one of \"as expected\", \"missed\", \"false alarm\", \"not run\"")),
                Arguments.of("unknown rule", top("{\"name\": \"d\", \"verdict\": \"missed\", \"expectedRules\": [\"SLOT-9\"]}"),
                        List.of("at designs[0]", "'expectedRules'", "SLOT-9", "is unknown")),
                Arguments.of("wrong type", top(design).replace("\"designs\"", "\"durationMillis\": \"long\", \"designs\""),
                        List.of("at durationMillis", "\"long\"")),
                Arguments.of("newer schema", top(design).replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"),
                        List.of("schemaVersion 2 is not supported")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFileGivesAClearMessage(String what, String json, List<String> fragments, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("results.json"), json);

        ReportInputException e = assertThrows(ReportInputException.class, () -> ResultsIO.read(file));

        String message = e.getMessage();
        assertTrue(message.startsWith("results file " + file), message);
        fragments.forEach(f -> assertTrue(message.contains(f), "expected '" + f + "' in: " + message));
        assertFalse(message.contains("dev.dextrace") || message.contains("\n") || message.contains("Source:"),
                "one line, no Java types, no Jackson source description: " + message);
    }

    private static String top(String design) {
        return "{\"schemaVersion\": 1, \"generatedAt\": \"2026-11-24T02:00:00Z\", \"designs\": [" + design + "]}";
    }
}
