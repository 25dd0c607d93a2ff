package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detection benchmark's arithmetic, targets and section of the report, on hand-made runs. */
class DetectionTest {
    /** A run: each design given as (name, expected rules, per engine: rules and first-detection millis). */
    static Results run(Results.Design... designs) {
        return new Results(1, "2026-11-24T00:00:00Z", 1000L, Map.of(), null,
                Map.of("jcstress", new Results.EngineRun(Results.EngineStatus.RAN, null, 1L),
                        "lincheck", new Results.EngineRun(Results.EngineStatus.RAN, null, 1L)), List.of(designs));
    }

    static Results.Design design(String name, List<String> expected, Map<String, Results.DesignEngine> engines) {
        List<String> found = new ArrayList<>();
        engines.values().forEach(e -> e.rules().stream().filter(r -> !found.contains(r)).forEach(found::add));
        return new Results.Design(name, "", expected.isEmpty() ? Results.Declared.CLEAN : Results.Declared.VIOLATES,
                expected, found, Results.Grade.AS_EXPECTED, engines, List.of());
    }

    static Results.DesignEngine engine(Long millis, String... rules) {
        Map<String, Long> byRule = new LinkedHashMap<>();
        for (String r : rules) {
            byRule.put(r, millis);
        }
        return new Results.DesignEngine(true, List.of(rules), millis, byRule, null, null, null, null);
    }

    static Detection threeRuns() {
        List<Results> runs = List.of(
                run(design("wrong", List.of("SLOT-4"), Map.of("lincheck", engine(300L, "SLOT-4"), "jcstress", engine(900L, "SLOT-4"))),
                        design("right", List.of(), Map.of("lincheck", engine(null), "jcstress", engine(null)))),
                run(design("wrong", List.of("SLOT-4"), Map.of("lincheck", engine(100L, "SLOT-4"), "jcstress", engine(null))),
                        design("right", List.of(), Map.of("lincheck", engine(null), "jcstress", engine(50L, "Q-3")))),
                run(design("wrong", List.of("SLOT-4"), Map.of("lincheck", engine(200L, "SLOT-4", "ACT-2"), "jcstress", engine(700L, "SLOT-4"))),
                        design("right", List.of(), Map.of("lincheck", engine(null), "jcstress", engine(null)))));
        return Detection.of(runs, List.of(1L, 2L, 3L), 3, Map.of("runs", 3), "2026-11-24T00:00:00Z",
                (design, rule) -> design.equals("wrong") && rule.equals("SLOT-4"));
    }

    @Test
    void ratesMediansAndWorstTimesPerDesignAndEngine() {
        Detection d = threeRuns();
        Detection.DesignRow wrong = d.designs().get(0);
        assertEquals("wrong", wrong.name());
        Detection.EngineRow lincheck = wrong.engines().get("lincheck");
        assertEquals(3, lincheck.found());
        assertEquals(200L, lincheck.medianMillis());
        assertEquals(300L, lincheck.worstMillis());
        Detection.EngineRow jcstress = wrong.engines().get("jcstress");
        assertEquals(2, jcstress.found(), "the run without SLOT-4 is a miss");
        assertEquals(800L, jcstress.medianMillis(), "the median of two is the mean of the middle two");
        assertEquals(900L, jcstress.worstMillis());
        assertEquals(3, wrong.foundByAnyEngine());
    }

    @Test
    void anUnforeseenRuleIsAFalseAlarmOnAWrongDesignAndAnyRuleOnACleanOne() {
        Detection d = threeRuns();
        assertEquals(1, d.designs().get(0).falseAlarmRuns(), "ACT-2 is not foreseen by 'wrong'");
        assertEquals(List.of("ACT-2"), d.designs().get(0).engines().get("lincheck").falseAlarmRules());
        assertEquals(1, d.designs().get(1).falseAlarmRuns());
        assertEquals(List.of("Q-3"), d.designs().get(1).engines().get("jcstress").falseAlarmRules());
        assertEquals(0, d.designs().get(1).engines().get("lincheck").falseAlarms());
    }

    @Test
    void targetsHoldOnlyWhenTheirConditionDoes() {
        List<Detection.Target> t = threeRuns().targets();
        assertTrue(t.get(0).holds(), t.get(0).detail());           // every wrong design found in every run
        assertFalse(t.get(1).holds(), t.get(1).detail());          // false alarms
        assertTrue(t.get(1).detail().contains("right in 1/3"), t.get(1).detail());
        assertTrue(t.get(2).holds(), t.get(2).detail());           // Lincheck's median 200 ms < 2 s

        Detection slowAndMissed = Detection.of(List.of(
                        run(design("wrong", List.of("SLOT-4"), Map.of("lincheck", engine(2500L, "SLOT-4")))),
                        run(design("wrong", List.of("SLOT-4"), Map.of("lincheck", engine(null))))),
                List.of(1L, 1L), 2, Map.of(), "now", (x, y) -> true);
        assertFalse(slowAndMissed.targets().get(0).holds(), "found in 1 of 2 runs only");
        assertTrue(slowAndMissed.targets().get(0).detail().contains("wrong 1/2"));
        assertFalse(slowAndMissed.targets().get(2).holds(), "a median of 2.5 s misses the 2 s target");
        assertTrue(slowAndMissed.targets().get(1).holds());
    }

    @Test
    void noRunsMeansNoTargetHolds() {
        Detection none = Detection.of(List.of(), List.of(), 10, Map.of(), "now", (x, y) -> true);
        assertTrue(none.targets().stream().noneMatch(Detection.Target::holds));
    }

    @Test
    void aDesignNoEngineFoundHasNoTimes() {
        Detection d = Detection.of(List.of(run(design("wrong", List.of("SLOT-4"), Map.of("lincheck", engine(null))))),
                List.of(1L), 1, Map.of(), "now", (x, y) -> true);
        assertNull(d.designs().get(0).engines().get("lincheck").medianMillis());
        assertEquals(0, d.designs().get(0).foundByAnyEngine());
    }

    @Test
    void theReportShowsTheSectionWithEveryStringEscaped() {
        String evil = "<img src=x onerror=alert(1)>";
        Detection d = Detection.of(List.of(run(design(evil, List.of("SLOT-4"), Map.of("lincheck", engine(300L, "SLOT-4"))))),
                List.of(1L), 1, Map.of(), "now", (x, y) -> true);
        String html = ReportRenderer.render(Fixture.results(), d, null);
        assertFalse(html.contains(evil), "the design name is escaped");
        Document page = Jsoup.parse(html);
        assertTrue(page.select("img").isEmpty(), "no element came from a design name");
        assertEquals(1, page.select("#detection table").get(1).select("tbody tr").size());
        assertTrue(page.select("#detection table").get(1).text().contains(evil), "shown as text");
        assertEquals(1, page.select("#detection svg.chart rect.engine-lincheck").size());
        assertEquals(3, page.select("#detection table").get(0).select("tbody tr").size(), "the three targets");
        assertTrue(page.select("#scale").isEmpty(), "no scale study given, no section");
    }

    @Test
    void theConsoleTableNamesEveryDesignAndTarget() {
        String text = DetectionView.text(threeRuns());
        assertTrue(text.contains("wrong") && text.contains("lincheck: 3/3 found") && text.contains("jcstress: 2/3 found"), text);
        assertTrue(text.contains("target: no false alarms: DOES NOT HOLD"), text);
    }
}
