package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.results.ReportInputException;

import dev.dextrace.model.monitor.Rule;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportRendererTest {

    private static Document page;

    @BeforeAll
    static void render() {
        page = Jsoup.parse(ReportRenderer.render(Fixture.results()));
    }

    @Test
    void matrixHasOneColumnPerRuleAndOneRowPerDesign() {
        List<String> ruleIds = Arrays.stream(Rule.values()).map(Rule::id).toList();
        assertEquals(21, ruleIds.size()); // PROTOCOL.md's 19 and the driver faults HANG-1, EXC-1
        assertEquals(ruleIds, page.select("table.matrix th.rule").eachText());
        assertEquals(List.of("design", "verdict", "SLOT", "ACT", "Q", "CMP", "FAULT"),
                page.select("table.matrix thead tr").first().select("th").eachText());
        assertEquals(List.of("apple-legacy-serial", "attempt2-bundled-isr", "attempt3-bundled-wrapper",
                "attempt1-legacy-reentrant"), page.select("table.matrix tbody th").eachText());
    }

    @Test
    void matrixCellsAndVerdicts() {
        assertEquals(List.of("as expected", "as expected", "missed", "not run"),
                page.select("table.matrix td.verdict").eachText());
        assertTrue(page.select("table.matrix td.verdict").get(2).hasClass("missed"));

        assertEquals("found", cell("attempt2-bundled-isr", "SLOT-5").text());
        assertEquals("SLOT-5: expected + found", cell("attempt2-bundled-isr", "SLOT-5").attr("title"));
        assertTrue(cell("attempt2-bundled-isr", "CMP-1").hasClass("hit"));
        assertEquals("", cell("attempt2-bundled-isr", "ACT-4").text());
        assertEquals("missed", cell("attempt3-bundled-wrapper", "ACT-5").text());
        assertTrue(cell("attempt3-bundled-wrapper", "ACT-5").hasClass("miss"));
        assertEquals("not run", cell("attempt1-legacy-reentrant", "Q-4").text());
        assertTrue(page.select("table.matrix tbody tr").first().select("td:not(.verdict)").eachText().stream()
                .allMatch(String::isEmpty), "the correct design has no expected or found rule");
    }

    @Test
    void findingShowsRuleMeaningFactsAndASwimlane() {
        Element finding = page.getElementById("design-1-finding-0");
        assertNotNull(finding);
        assertTrue(finding.select("h3").text().contains("SLOT-5 " + Rule.SLOT_5.meaning()), finding.select("h3").text());
        assertTrue(finding.text().contains("slot 3 gen 1 touched by Default after Complete(3) on InterruptQueue"));
        assertEquals("action#2 (bundled)", fact(finding, "action"));
        assertEquals("Default, InterruptQueue", fact(finding, "queues"));

        Element lanes = finding.selectFirst("table.lanes");
        assertNotNull(lanes, "swimlane table");
        List<String> header = lanes.select("thead th").eachText();
        assertEquals(List.of("#", "Default", "InterruptQueue", "Framework"), header, "listed queues first, then others");
        Elements rows = lanes.select("tbody tr");
        assertEquals(7, rows.size());
        assertEquals(header.indexOf("InterruptQueue"), laneOf(rows.get(4), "Complete(3)"));
        assertEquals(header.indexOf("Framework"), laneOf(rows.get(5), "reissue slot 3 gen 2"));
        Elements violations = lanes.select("tr.violation");
        assertEquals(1, violations.size());
        assertEquals(header.indexOf("Default"), laneOf(violations.first(), "write response slot 3"));

        assertEquals("mvn -B -q -pl model exec:java -Dexec.args='replay target/race-report/traces/attempt2-slot5-1.json'",
                finding.select(".cmd code").text());
    }

    @Test
    void lincheckTraceIsPreformatted() {
        Element trace = page.getElementById("design-1-finding-1").selectFirst("pre.trace");
        assertNotNull(trace);
        assertTrue(trace.wholeText().startsWith("= Invalid execution results =\n| ---"), trace.wholeText());
        assertEquals(1, page.select("pre.trace").size(), "only the Lincheck finding has a trace");
    }

    @Test
    void headerShowsEnginesBudgetAndEnvironment() {
        assertEquals(List.of("jcstress ran all selected tests completed 8 min 32 s",
                        "lincheck timed out budget of 4 min reached during attempt3-bundled-wrapper 4 min 00 s"),
                page.select("#engines tbody tr").eachText());
        String header = page.selectFirst("header.page").text();
        for (String expected : List.of("2026-11-24T02:00:00Z", "12 min 34 s", "mode quick", "lincheckInvocations 1000",
                "JDK 17.0.15", "cores 2", "OS Linux 6.1 amd64")) {
            assertTrue(header.contains(expected), "'" + expected + "' in: " + header);
        }
    }

    @Test
    void minimalResultsStillSayWhatBecameOfEachEngine() {
        Document minimal = Jsoup.parse(ReportRenderer.render(new Results(1, "2026-11-24T02:00:00Z", null, null, null, null, List.of())));

        assertEquals(List.of("jcstress not run absent from results.json —", "lincheck not run absent from results.json —"),
                minimal.select("#engines tbody tr").eachText());
        assertTrue(minimal.select("table.matrix tbody tr").isEmpty());
    }

    private static Results.Design oneDesign(String name, Results.Declared declared, List<String> expected, List<String> found,
                                            Results.Grade verdict, List<Results.Finding> findings) {
        Results.DesignEngine controlled = new Results.DesignEngine(true, found, 5L, java.util.Map.of(), null, null, null, 40L,
                java.util.Map.of("completion-races-submission", "exhaustive up to 1 preemption: 40 interleavings run, 0 violations"));
        return new Results.Design(name, null, declared, expected, found, verdict, java.util.Map.of("controlled", controlled), findings);
    }

    private static Results.Finding slot5() {
        return new Results.Finding("d/bug-1", "controlled", "completion-races-submission", "SLOT-5", 3, 1, null, List.of("Default"),
                "slot 3 touched after Complete(3)", List.of(new Results.Event(1, "Default", "write response slot 3", true)), null, null);
    }

    @Test
    void aReportOfOneUsersDesignSaysOnTopWhichBugsAndHowHardItLooked() {
        Results.Design mine = oneDesign("com.example.MyDriver", Results.Declared.CLEAN, List.of(), List.of("SLOT-5"),
                Results.Grade.FALSE_ALARM, List.of(slot5()));
        Document one = Jsoup.parse(ReportRenderer.render(new Results(1, "2026-11-30T00:00:00Z", null, null, null, null, List.of(mine))));
        Element summary = one.selectFirst("#summary");
        assertNotNull(summary, "one design: a first screen");
        assertTrue(summary.text().contains("1 bug found, breaking SLOT-5"), summary.text());
        assertEquals("#design-0-finding-0", summary.selectFirst("li a").attr("href"));
        assertTrue(summary.text().contains("exhaustive up to 1 preemption: 40 interleavings run"), "the controlled engine's statement");
        // A user's design is meant to be correct: what it breaks is a bug found, not a false alarm of dextrace's.
        assertEquals("1 bug found", one.selectFirst("table.matrix td.verdict").text());
        assertFalse(one.text().contains("false alarm"), "no false alarm on a user's design");
        assertTrue(one.select("table.matrix td.cell").eachText().contains("bug"));
    }

    @Test
    void aCleanUsersDesignSaysSoOnTop() {
        Results.Design mine = oneDesign("com.example.MyDriver", Results.Declared.CLEAN, List.of(), List.of(), Results.Grade.AS_EXPECTED, List.of());
        Element summary = Jsoup.parse(ReportRenderer.render(new Results(1, "2026-11-30T00:00:00Z", null, null, null, null, List.of(mine))))
                .selectFirst("#summary");
        assertTrue(summary.text().contains("Clean: no engine found any rule broken."), summary.text());
    }

    @Test
    void theCatalogueKeepsItsGradingAndHasNoFirstScreen() {
        assertTrue(page.select("#summary").isEmpty(), "several designs: no one-design first screen");
        Results.Design catalogue = oneDesign("bundled-recommended", Results.Declared.CLEAN, List.of(), List.of("SLOT-5"),
                Results.Grade.FALSE_ALARM, List.of(slot5()));
        Document one = Jsoup.parse(ReportRenderer.render(new Results(1, "2026-11-30T00:00:00Z", null, null, null, null, List.of(catalogue))));
        assertEquals("false alarm", one.selectFirst("table.matrix td.verdict").text(), "dextrace's own designs are graded as declared");
    }

    @Test
    void aCardSaysWhatTheRuleDoesOnAMac() {
        Element card = page.selectFirst("div.finding");
        Rule rule = Rule.byId(card.selectFirst(".rule").text());
        assertEquals("On a Mac: " + rule.consequence(), card.selectFirst(".consequence").text());
        assertTrue(Arrays.stream(Rule.values()).noneMatch(r -> r.consequence().isBlank()), "every protocol rule says what it does");
    }

    @Test
    void histogramsAreSvgBarChartsWithCounts() {
        Elements charts = page.select("#design-1 svg.chart");
        assertEquals(2, charts.size(), "one chart per scenario");
        Element first = charts.first();
        assertEquals(List.of("clean", "1,187,310", "EXPECTED SLOT-5", "12,650", "EXPECTED CMP-1", "40"),
                first.select("text").eachText());
        Elements bars = first.select("rect");
        assertEquals(360, Integer.parseInt(bars.get(0).attr("width")), "the largest count spans the chart");
        assertEquals(2, Integer.parseInt(bars.get(2).attr("width")), "a rare outcome still shows");
        assertTrue(bars.get(1).hasClass("outcome-acceptable-interesting"));
    }

    @Test
    void pageIsSelfContained() throws IOException {
        assertTrue(page.select("[src]").isEmpty(), "nothing loaded by src");
        page.select("link[href]").forEach(l -> assertTrue(l.attr("href").startsWith("data:"), l.outerHtml()));
        page.select("a[href]").forEach(a -> assertTrue(a.attr("href").startsWith("#"), a.outerHtml()));
        assertEquals(1, page.select("style").size());
        assertTrue(page.selectFirst("#reproduce").text().contains("How to reproduce"));

        // The escaping guarantee rests on the template using only double braces.
        try (InputStream in = ReportRenderer.class.getResourceAsStream("report.html.mustache")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertFalse(template.contains("{{{"), "no unescaped triple-brace tags");
            assertFalse(template.contains("{{&"), "no unescaped ampersand tags");
        }
    }

    private static Element cell(String design, String rule) {
        int column = Arrays.asList(Rule.values()).indexOf(Rule.byId(rule));
        Element row = page.select("table.matrix tbody tr").stream()
                .filter(r -> r.selectFirst("th").text().equals(design)).findFirst().orElseThrow();
        return row.select("td:not(.verdict)").get(column); // an empty cell has no class: a catalogue's matrix stays small
    }

    private static String fact(Element finding, String name) {
        return finding.select("dl.facts dt").stream().filter(dt -> dt.text().equals(name)).findFirst()
                .orElseThrow().nextElementSibling().text();
    }

    /** The column index (0 is the sequence number) holding {@code text} in a swimlane row; -1 if none. */
    private static int laneOf(Element row, String text) {
        Elements cells = row.children(); // the sequence number's th, then one td per lane
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).text().equals(text)) {
                return i;
            }
        }
        return -1;
    }
}
