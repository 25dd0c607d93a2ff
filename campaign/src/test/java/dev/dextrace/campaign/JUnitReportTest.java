package dev.dextrace.campaign;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The campaign's JUnit XML, parsed back: one test case per design and engine, graded per engine. */
class JUnitReportTest {
    private static final DesignEntry WRONG = Catalogue.byName("double-complete");
    private static final DesignEntry RIGHT = Catalogue.byName("bundled-recommended");

    private static Results.DesignEngine found(String... rules) {
        return new Results.DesignEngine(true, List.of(rules), null, Map.of(), null, null, List.of(), null);
    }

    @Test
    void oneCasePerDesignAndEngineWithFailuresErrorsAndSkips(@TempDir Path dir) throws Exception {
        Map<String, Results.EngineRun> engines = new LinkedHashMap<>();
        engines.put("jcstress", new Results.EngineRun(Results.EngineStatus.RAN, null, 1L));
        engines.put("lincheck", new Results.EngineRun(Results.EngineStatus.FAILED, "crashed: an uncaught exception (exit code 1)", 1L));
        engines.put("other", new Results.EngineRun(Results.EngineStatus.NOT_RUN, "no results", null));
        // jcstress: as expected on the wrong design, a false alarm on the right one (with a <tag> to escape)
        Results.Design wrong = Grading.design(WRONG, Set.of("SLOT-4"), true, Map.of("jcstress", found("SLOT-4")), List.of());
        Results.Design right = Grading.design(RIGHT, Set.of("Q-3"), true, Map.of("jcstress", found("Q-3")), List.of());
        Results merged = new Results(1, "2026-11-30T00:00:00Z", 1500L, Map.of(), null, engines, List.of(wrong, right));

        Path file = dir.resolve("junit.xml");
        JUnitReport.write(JUnitReport.cases(List.of(WRONG, RIGHT), merged), file, 1500, merged.generatedAt());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("6", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("2", suite.getAttribute("errors"));
        assertEquals("2", suite.getAttribute("skipped"));
        assertEquals("1.500", suite.getAttribute("time"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(6, cases.getLength());
        assertCase(cases.item(0), "dextrace.jcstress", "double-complete", null, null);
        assertCase(cases.item(1), "dextrace.lincheck", "double-complete", "error", "lincheck failed: crashed");
        assertCase(cases.item(2), "dextrace.other", "double-complete", "skipped", "other did not run: no results");
        assertCase(cases.item(3), "dextrace.jcstress", "bundled-recommended", "failure", "false alarm on jcstress (found: [Q-3]");
    }

    private static void assertCase(org.w3c.dom.Node node, String classname, String name, String kind, String messagePart) {
        Element c = (Element) node;
        assertEquals(classname, c.getAttribute("classname"));
        assertEquals(name, c.getAttribute("name"));
        NodeList children = c.getElementsByTagName("*");
        if (kind == null) {
            assertEquals(0, children.getLength(), "a passed case has no child");
            return;
        }
        assertEquals(1, children.getLength());
        Element outcome = (Element) children.item(0);
        assertEquals(kind, outcome.getTagName());
        assertTrue(outcome.getAttribute("message").contains(messagePart), outcome.getAttribute("message"));
    }
}
