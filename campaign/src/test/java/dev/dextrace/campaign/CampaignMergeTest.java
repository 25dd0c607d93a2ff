package dev.dextrace.campaign;

import dev.dextrace.reports.ReportRenderer;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CampaignMergeTest {
    private static final DesignEntry WRONG = Catalogue.byName("attempt3-wrapper");
    private static final DesignEntry RIGHT = Catalogue.byName("bundled-recommended");
    private static final DesignEntry OTHER = Catalogue.byName("double-complete");

    private static Results engineFile(String engine, Map<String, List<String>> rulesByDesign) {
        List<Results.Design> designs = rulesByDesign.entrySet().stream().map(e -> new Results.Design(e.getKey(), null, null,
                List.of(), e.getValue(), Results.Grade.NOT_RUN,
                Map.of(engine, new Results.DesignEngine(true, e.getValue(), 12L, Map.of(), 100L, 10.0, List.of(), null)),
                List.of())).toList();
        return new Results(1, "2026-11-24T00:00:00Z", 1L, Map.of(), null,
                Map.of(engine, new Results.EngineRun(Results.EngineStatus.RAN, null, 5L)), designs);
    }

    @Test
    void joinsEnginesAndGradesEachDesign(@TempDir Path dir) throws Exception {
        Path jcstress = dir.resolve("jcstress.json");
        ResultsIO.write(engineFile("jcstress", Map.of("attempt3-wrapper", List.of("ACT-5"), "bundled-recommended", List.of())), jcstress);
        Path lincheck = dir.resolve("lincheck.json");
        ResultsIO.write(engineFile("lincheck", Map.of("attempt3-wrapper", List.of("ACT-4"), "bundled-recommended", List.of("Q-3"))), lincheck);

        Results r = CampaignMerge.merge(List.of(WRONG, RIGHT, OTHER),
                List.of(CampaignMerge.read("jcstress", jcstress), CampaignMerge.read("lincheck", lincheck)), Map.of(), 10, null);

        Results.Design wrong = r.designs().get(0);
        assertEquals(List.of("ACT-4", "ACT-5"), wrong.foundRules(), "found by the two engines together");
        assertEquals(Results.Grade.AS_EXPECTED, wrong.verdict());
        assertEquals(Results.Grade.FALSE_ALARM, r.designs().get(1).verdict(), "a correct design with a violation");
        assertEquals(Results.Grade.NOT_RUN, r.designs().get(2).verdict());
        assertEquals(Results.Declared.VIOLATES, wrong.declared());
        assertEquals(2, wrong.engines().size());
    }

    /** Each engine's queue pairs survive results.json and the merge; the design's are what any engine overlapped; the report names each. */
    @Test
    void theQueuePairsEachEngineOverlappedAreKeptPerEngineAndUnitedPerDesign(@TempDir Path dir) throws Exception {
        Results.QueuePairs firstMapping = new Results.QueuePairs(List.of("Default × InterruptQueue", "InterruptQueue × SubmitQueue"),
                List.of("Default × SubmitQueue"));
        Results.QueuePairs every = new Results.QueuePairs(
                List.of("Default × InterruptQueue", "Default × SubmitQueue", "InterruptQueue × SubmitQueue"), List.of());
        Path jcstress = dir.resolve("jcstress.json");
        ResultsIO.write(withPairs(engineFile("jcstress", Map.of("bundled-recommended", List.of())), "jcstress", every), jcstress);
        Path lincheck = dir.resolve("lincheck.json");
        ResultsIO.write(withPairs(engineFile("lincheck", Map.of("bundled-recommended", List.of())), "lincheck", firstMapping), lincheck);
        Path old = dir.resolve("controlled.json");
        ResultsIO.write(engineFile("controlled", Map.of("bundled-recommended", List.of())), old);

        Results r = CampaignMerge.merge(List.of(RIGHT), List.of(CampaignMerge.read("jcstress", jcstress),
                CampaignMerge.read("lincheck", lincheck), CampaignMerge.read("controlled", old)), Map.of(), 1, null);
        Results.Design d = r.designs().get(0);
        assertEquals(every, d.engines().get("jcstress").queuePairs());
        assertEquals(firstMapping, d.engines().get("lincheck").queuePairs());
        assertEquals(null, d.engines().get("controlled").queuePairs(), "an engine that does not say");
        assertEquals(every, d.queuePairs(), "what any engine overlapped");

        Path json = dir.resolve("results.json");
        ResultsIO.write(r, json);
        String html = Files.readString(ReportRenderer.write(ResultsIO.read(json), json, dir));
        assertTrue(html.contains("jcstress: Default × InterruptQueue, Default × SubmitQueue, InterruptQueue × SubmitQueue; "
                + "lincheck: Default × InterruptQueue, InterruptQueue × SubmitQueue"), "the report names each engine's pairs");
    }

    @Test
    void withoutAnEngineThatSaysTheDesignsPairsAreTheFirstMappings(@TempDir Path dir) throws Exception {
        Path jcstress = dir.resolve("jcstress.json");
        ResultsIO.write(engineFile("jcstress", Map.of("bundled-recommended", List.of())), jcstress);
        Results r = CampaignMerge.merge(List.of(RIGHT), List.of(CampaignMerge.read("jcstress", jcstress)), Map.of(), 1, null);
        assertEquals(List.of("Default × InterruptQueue"), r.designs().get(0).queuePairs().overlapped());
    }

    private static Results withPairs(Results r, String engine, Results.QueuePairs pairs) {
        List<Results.Design> designs = r.designs().stream().map(d -> new Results.Design(d.name(), d.description(), d.declared(),
                d.expectedRules(), d.foundRules(), d.verdict(), Map.of(engine, d.engines().get(engine).withQueuePairs(pairs)),
                d.findings())).toList();
        return new Results(r.schemaVersion(), r.generatedAt(), r.durationMillis(), r.budget(), r.environment(), r.engines(), designs);
    }

    @Test
    void aMissingOrBrokenEngineFileStillMakesAReport(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ not json");
        CampaignMerge.EngineInput missing = CampaignMerge.read("jcstress", dir.resolve("absent.json"));
        CampaignMerge.EngineInput bad = CampaignMerge.read("lincheck", broken);
        assertEquals(Results.EngineStatus.NOT_RUN, missing.status());
        assertTrue(missing.reason().contains("did not run"), missing.reason());
        assertEquals(Results.EngineStatus.FAILED, bad.status());
        assertTrue(bad.reason().contains("could not be read"), bad.reason());

        Results r = CampaignMerge.merge(List.of(WRONG), List.of(missing, bad), Map.of(), 1, null);
        assertEquals(Results.Grade.NOT_RUN, r.designs().get(0).verdict());
        Path out = dir.resolve("report");
        Path json = out.resolve("results.json");
        Files.createDirectories(out);
        ResultsIO.write(r, json);
        String html = Files.readString(ReportRenderer.write(r, json, out));
        assertTrue(html.contains("did not run") && html.contains("could not be read"), "the report says what did not run and why");
    }

    @Test
    void resultsOfAnotherRunOrOfNoRunAreNotThisRuns(@TempDir Path dir) throws Exception {
        Results asExpected = engineFile("lincheck", Map.of("attempt3-wrapper", List.of("ACT-4", "ACT-5")));
        Path mine = dir.resolve("mine.json");
        ResultsIO.write(asExpected.withRun(new Results.Run("run-2", "all", "all", "smoke")), mine);
        Path older = dir.resolve("older.json");
        ResultsIO.write(asExpected.withRun(new Results.Run("run-1", "all", "all", "smoke")), older);
        Path unnamed = dir.resolve("unnamed.json");
        ResultsIO.write(asExpected, unnamed); // as written before run IDs

        CampaignMerge.EngineInput ours = CampaignMerge.read("lincheck", mine, "run-2");
        assertEquals(Results.EngineStatus.RAN, ours.status());
        assertEquals("run-2", ours.results().run().id());
        assertEquals(Results.Grade.AS_EXPECTED,
                CampaignMerge.merge(List.of(WRONG), List.of(ours), Map.of(), 1, null).designs().get(0).verdict());

        CampaignMerge.EngineInput foreign = CampaignMerge.read("lincheck", older, "run-2");
        assertEquals(Results.EngineStatus.NOT_RUN, foreign.status());
        assertTrue(foreign.reason().contains("run run-1's") && foreign.reason().contains("this is run run-2"), foreign.reason());
        CampaignMerge.EngineInput none = CampaignMerge.read("lincheck", unnamed, "run-2");
        assertEquals(Results.EngineStatus.NOT_RUN, none.status());
        assertTrue(none.reason().contains("name no run"), none.reason());
        Results merged = CampaignMerge.merge(List.of(WRONG), List.of(foreign), Map.of(), 1, null);
        assertEquals(Results.Grade.NOT_RUN, merged.designs().get(0).verdict(), "an old run's findings are not shown as this run's");
        assertTrue(merged.designs().get(0).foundRules().isEmpty());

        assertEquals(Results.EngineStatus.RAN, CampaignMerge.read("lincheck", older).status(), "merge-only joins what is there");
    }

    /** Two processes of one engine ({@code --claims}): each design from the process that searched it; a failed one says how the engine ended. */
    @Test
    void anEnginesProcessesJoinPerDesignFromTheProcessThatSearchedIt() {
        Results.Design notRunInFirst = Grading.notRun(WRONG); // the first process stopped before it; the second had claimed it
        Results first = engineFile("controlled", Map.of("bundled-recommended", List.of()));
        first = new Results(1, first.generatedAt(), 1L, Map.of(), null, first.engines(),
                List.of(first.designs().get(0), notRunInFirst));
        Results second = engineFile("controlled", Map.of("attempt3-wrapper", List.of("ACT-4", "ACT-5")));
        CampaignMerge.EngineInput joined = CampaignMerge.ofParts(List.of(
                new CampaignMerge.EngineInput("controlled", first, Results.EngineStatus.RAN, null),
                new CampaignMerge.EngineInput("controlled", second, Results.EngineStatus.RAN, null)));
        assertEquals(Results.EngineStatus.RAN, joined.status());
        assertEquals("2 processes searched 1 + 1 designs, the longest for 0 s", joined.reason());
        assertEquals(10L, joined.results().engines().get("controlled").durationMillis(), "the processes' times together");
        Results r = CampaignMerge.merge(List.of(WRONG, RIGHT), List.of(joined), Map.of(), 1, null);
        assertEquals(Results.Grade.AS_EXPECTED, r.designs().get(0).verdict(), "attempt3-wrapper from the process that searched it");
        assertEquals(List.of("ACT-4", "ACT-5"), r.designs().get(0).foundRules());
        assertEquals(Results.Grade.AS_EXPECTED, r.designs().get(1).verdict());

        CampaignMerge.EngineInput oneFailed = CampaignMerge.ofParts(List.of(
                new CampaignMerge.EngineInput("controlled", first, Results.EngineStatus.RAN, null),
                new CampaignMerge.EngineInput("controlled", null, Results.EngineStatus.FAILED, "exited with code 1")));
        assertEquals(Results.EngineStatus.FAILED, oneFailed.status());
        assertTrue(oneFailed.reason().endsWith("process 2: exited with code 1"), oneFailed.reason());
    }
}
