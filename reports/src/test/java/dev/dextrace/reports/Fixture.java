package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.results.ReportInputException;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The realistic results file under src/test/resources, shared by the tests. */
final class Fixture {
    private Fixture() {
    }

    static Path path() {
        try {
            return Path.of(Fixture.class.getResource("/results-fixture.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Results results() {
        try {
            return ResultsIO.read(path());
        } catch (ReportInputException e) {
            throw new AssertionError("the fixture must be valid: " + e.getMessage(), e);
        }
    }
}
