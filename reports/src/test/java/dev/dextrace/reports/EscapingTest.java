package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.results.ReportInputException;

import dev.dextrace.model.results.Results.Declared;
import dev.dextrace.model.results.Results.Design;
import dev.dextrace.model.results.Results.DesignEngine;
import dev.dextrace.model.results.Results.EngineRun;
import dev.dextrace.model.results.Results.EngineStatus;
import dev.dextrace.model.results.Results.Environment;
import dev.dextrace.model.results.Results.Event;
import dev.dextrace.model.results.Results.Finding;
import dev.dextrace.model.results.Results.Histogram;
import dev.dextrace.model.results.Results.Outcome;
import dev.dextrace.model.results.Results.Grade;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every string of results.json is shown as text, never interpreted as markup. */
class EscapingTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(1)>";
    /** Put in every other string field, so a field the template forgets to escape shows up too. */
    private static final String BOTH = SCRIPT + IMG + "'`&amp;";

    @Test
    void hostileStringsAreEscapedEverywhere() {
        String html = ReportRenderer.render(hostileResults());
        Document page = Jsoup.parse(html);

        for (Element script : page.select("script")) {
            assertFalse(script.data().contains("alert(1)"), "a live script carries a results string: " + script.outerHtml());
        }
        assertEquals(1, page.select("script").size(), "only the page's own copy-button script");
        assertTrue(page.select("img").isEmpty(), "no img element may come from the data");
        assertTrue(page.select("[onerror]").isEmpty(), "no event handler attribute may come from the data");

        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the design name is shown escaped");
        assertTrue(html.contains("&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;"), "the event text is shown escaped");
        assertEquals(SCRIPT, page.selectFirst("table.matrix tbody th").text(), "the design name reads as typed");
        assertTrue(page.select("table.lanes td").eachText().contains(IMG), "the event reads as typed");
        assertTrue(page.select(".cmd code").eachText().contains(BOTH), "the replay command reads as typed");
        assertEquals(BOTH, page.selectFirst("pre.trace").wholeText());
        assertEquals(BOTH, page.selectFirst("svg.chart title").text().replace(": 5", ""));
        assertEquals(BOTH, page.selectFirst("ul.outcomes li span").text(), "a one-outcome scenario's line reads as typed");
    }

    private static Results hostileResults() {
        Histogram histogram = new Histogram(BOTH, List.of(new Outcome(BOTH, 5L, BOTH), new Outcome("clean", 1L, "ACCEPTABLE")));
        Histogram oneOutcome = new Histogram(BOTH + "-one", List.of(new Outcome(BOTH, 7L, BOTH))); // a line of text, not a chart
        DesignEngine jcstress = new DesignEngine(true, List.of("SLOT-5"), 1L, Map.of(), 10L, 1.0, List.of(histogram, oneOutcome), null);
        Finding finding = new Finding(BOTH, BOTH, BOTH, "SLOT-5", 1, 1, BOTH, List.of(BOTH, "Default"), BOTH,
                List.of(new Event(1, BOTH, IMG, true), new Event(2, "Default", BOTH, false)), BOTH, BOTH);
        Design design = new Design(SCRIPT, BOTH, Declared.VIOLATES, List.of("SLOT-5"), List.of("SLOT-5"),
                Grade.AS_EXPECTED, Map.of(BOTH, jcstress), List.of(finding));
        return new Results(1, BOTH, 1000L, Map.of(BOTH, BOTH), new Environment(BOTH, 2, BOTH),
                Map.of(BOTH, new EngineRun(EngineStatus.FAILED, BOTH, 5L)), List.of(design));
    }
}
