package dev.dextrace.campaign;

import dev.dextrace.campaign.fixtures.CompletesOnInterruptQueue;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A design's own invariant in a campaign of the controlled engine (child JVMs, as a user runs it): its rule fires on
 * the design that breaks it, stays silent on the one that keeps it, and reaches results.json and the report with its meaning.
 */
class CustomInvariantCampaignTest {

    @Test
    void aDesignsInvariantRunsInTheCampaignAndItsRuleReachesResultsAndReport(@TempDir Path dir) throws Exception {
        CampaignMainTest.Ran r = assertTimeoutPreemptively(Duration.ofMinutes(5), () -> CampaignMainTest.campaign(
                "--designs", "completes-on-default,recommended-with-isr-1", "--scenarios", "completion-races-submission",
                "--budget", "smoke", "--engines", "controlled", "--work", dir.resolve("work").toString(), "--out", dir.resolve("out").toString()));
        assertEquals(0, r.code(), r.out() + r.err());

        Results merged = ResultsIO.read(dir.resolve("out/results.json"));
        assertEquals(List.of(CompletesOnInterruptQueue.RULE), merged.rules(), "the rule with its meaning and consequence");
        Results.Design broken = design(merged, "completes-on-default");
        assertEquals(Results.Grade.AS_EXPECTED, broken.verdict());
        assertEquals(List.of("ISR-1"), broken.foundRules());
        assertTrue(broken.findings().stream().anyMatch(f -> f.rule().equals("ISR-1")), broken.findings()::toString);
        Results.Design kept = design(merged, "recommended-with-isr-1");
        assertEquals(Results.Grade.AS_EXPECTED, kept.verdict());
        assertEquals(List.of(), kept.foundRules(), "silent on the design that keeps the rule");

        String html = Files.readString(dir.resolve("out/index.html")); // the page's structure is the reports module's tests'
        String meaning = CompletesOnInterruptQueue.RULE.meaning();
        assertTrue(html.contains("<th class=\"rule\" title=\"" + meaning + "\">ISR-1</th>"), "the matrix's column of the user's rule");
        assertTrue(html.contains("<span class=\"rule\">ISR-1</span> " + meaning), "a finding card with the rule's meaning");
    }

    private static Results.Design design(Results r, String name) {
        return r.designs().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }
}
