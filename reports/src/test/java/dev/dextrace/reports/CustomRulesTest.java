package dev.dextrace.reports;

import dev.dextrace.model.monitor.RuleId;
import dev.dextrace.model.results.ReportInputException;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.Results.Declared;
import dev.dextrace.model.results.Results.Design;
import dev.dextrace.model.results.Results.DesignEngine;
import dev.dextrace.model.results.Results.Event;
import dev.dextrace.model.results.Results.Finding;
import dev.dextrace.model.results.Results.Grade;
import dev.dextrace.model.results.ResultsIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's invariants' rules travel through results.json (its 'rules' section) into the matrix and the cards. */
class CustomRulesTest {
    private static final String HOSTILE = "<script>alert(1)</script>";
    private static final RuleId.Custom PEND = new RuleId.Custom("PEND-1", "The outstanding count never goes negative " + HOSTILE,
            "The dext completes a command twice.");

    private static Results results(String designName, List<String> expected) {
        Finding f = new Finding("b1", "controlled", "completion-races-submission", "PEND-1", 0, null, null, List.of("Default"),
                "outstanding is -1", List.of(new Event(1, "Default", "complete slot 0", true)), null, null);
        Finding q3 = new Finding("b2", "controlled", "completion-races-submission", "Q-3", 0, null, null, List.of("Default"),
                "a race", List.of(new Event(1, "Default", "write x", true)), null, null);
        Design d = new Design(designName, "a design", expected.isEmpty() ? Declared.CLEAN : Declared.VIOLATES, expected,
                List.of("PEND-1", "Q-3"), expected.isEmpty() ? Grade.FALSE_ALARM : Grade.AS_EXPECTED,
                Map.of("controlled", new DesignEngine(true, List.of("PEND-1", "Q-3"), 5L, Map.of("PEND-1", 5L), null, null, null, 10L)),
                List.of(f, q3));
        return new Results(1, "2026-11-30T00:00:00Z", 1L, Map.of(), null, Map.of(), List.of(d), null, List.of(PEND));
    }

    @Test
    void customRulesReadBackAndAFileWithoutThemReadsAsBefore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        ResultsIO.write(results("my-dext", List.of("PEND-1", "Q-3")), file);
        assertTrue(Files.readString(file).contains("\"consequence\" : \"The dext completes a command twice.\""));
        assertEquals(results("my-dext", List.of("PEND-1", "Q-3")), ResultsIO.read(file));
        assertTrue(Fixture.results().rules().isEmpty(), "the fixture predates 'rules'");
        assertTrue(ResultsIO.read(Fixture.path()).ruleBook().custom().isEmpty());
    }

    @Test
    void aCustomRuleTheFileDoesNotDeclareIsRefused(@TempDir Path dir) throws IOException {
        String json = Files.readString(write(dir)).replaceAll("(?s)\"rules\" : \\[.*?\\],\\s*\"designs\"", "\"designs\"");
        String m = readError(dir, json);
        assertTrue(m.contains("PEND-1") && m.contains("is unknown") && m.contains("'rules'") && m.contains("designs[0]"), m);
    }

    @Test
    void aCustomRuleWithAProtocolRulesIdIsRefused(@TempDir Path dir) throws IOException {
        String m = readError(dir, Files.readString(write(dir)).replace("\"PEND-1\"", "\"SLOT-1\""));
        assertTrue(m.contains("'rules'") && m.contains("SLOT-1") && m.contains("protocol rule"), m);
    }

    @Test
    void theMatrixHasAColumnGroupOfTheUsersRulesAndTheCardsTheirMeaning() {
        Document page = Jsoup.parse(ReportRenderer.render(results("my-dext", List.of("PEND-1", "Q-3"))));
        Element family = page.select("table.matrix th.family").last();
        assertEquals(ReportView.CUSTOM_FAMILY, family.text());
        assertEquals("1", family.attr("colspan"));
        Element column = page.select("table.matrix th.rule").last();
        assertEquals("PEND-1", column.text());
        assertEquals(PEND.meaning(), column.attr("title"), "the meaning as written, escaped by the page");
        assertEquals("found", page.select("table.matrix tbody tr").first().select("td.cell").last().text());
        assertTrue(page.select("dl.custom-rules").text().contains("PEND-1 " + PEND.meaning()), "listed under the matrix");

        Element card = page.select(".finding").stream().filter(c -> c.select("h3 .rule").text().equals("PEND-1")).findFirst().orElseThrow();
        assertEquals("PEND-1 " + PEND.meaning(), card.selectFirst("h3").text());
        assertTrue(card.select(".consequence").text().contains(PEND.consequence()));
        assertTrue(page.select("script").stream().noneMatch(s -> s.data().contains("alert(1)")), "user text is never markup");
    }

    @Test
    void aUsersDesignShowsItsCustomRuleAsABugAndAProtocolOnlyReportHasNoSuchGroup() {
        Document page = Jsoup.parse(ReportRenderer.render(results("com.example.MyDext", List.of())));
        assertEquals("bug", page.select("table.matrix tbody tr").first().select("td.cell").last().text());
        Document plain = Jsoup.parse(ReportRenderer.render(Fixture.results()));
        assertFalse(plain.select("table.matrix th.family").eachText().contains(ReportView.CUSTOM_FAMILY));
        assertTrue(plain.select("dl.custom-rules").isEmpty());
    }

    @Test
    void findingsOfCustomRulesComeAfterTheProtocols(@TempDir Path dir) {
        Results grouped = Bugs.group(results("my-dext", List.of("PEND-1", "Q-3")), dir);
        assertEquals(List.of("Q-3", "PEND-1"), grouped.designs().get(0).findings().stream().map(Finding::rule).toList());
        assertEquals(List.of(PEND), grouped.rules(), "grouping keeps the rules");
    }

    private static Path write(Path dir) throws IOException {
        Path file = dir.resolve("good.json");
        ResultsIO.write(results("my-dext", List.of("PEND-1", "Q-3")), file);
        return file;
    }

    private static String readError(Path dir, String json) throws IOException {
        Path file = Files.writeString(dir.resolve("results.json"), json);
        String m = assertThrows(ReportInputException.class, () -> ResultsIO.read(file)).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }
}
