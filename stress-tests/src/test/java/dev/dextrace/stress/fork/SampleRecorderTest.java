package dev.dextrace.stress.fork;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleRecorderTest {
    private final DesignEntry design = Catalogue.byName("double-complete");
    private final Scenario scenario = Scenarios.COMPLETION_RACES_SUBMISSION;

    @Test
    void keepsTheFirstFewSamplesPerOutcomeAcrossForksAsWholeFiles(@TempDir Path dir) throws Exception {
        // Two recorders stand for two forks writing into the same directory.
        List<SampleRecorder> forks = List.of(new SampleRecorder(dir, design, 3), new SampleRecorder(dir, design, 3));
        for (int i = 0; i < 6; i++) {
            World w = scenario.load(scenario.builder(design).twoLanes());
            Verdict v = w.run(Duration.ofSeconds(10));
            assertEquals("SLOT-4", v.outcome(), v::describe);
            forks.get(i % 2).record(scenario, Grading.outcome(design, v), w, v);
        }

        Path outcomeDir = dir.resolve("completion-races-submission").resolve("EXPECTED_SLOT-4");
        List<Path> samples = files(dir, ".json");
        assertEquals(3, samples.size(), samples::toString);
        assertTrue(files(dir, ".tmp").isEmpty(), "no temp file left behind");
        for (Path p : samples) {
            assertEquals(outcomeDir, p.getParent());
            SampleFile s = SampleFile.read(p);
            assertEquals("double-complete", s.design());
            assertEquals("EXPECTED SLOT-4", s.outcome());
            Results.Finding f = s.findings().get(0);
            assertEquals("SLOT-4", f.rule());
            assertFalse(f.events().isEmpty());
            assertEquals(1, f.events().stream().filter(Results.Event::violation).count(), "the violating event is marked");
            Path replay = ReplayCommand.fileOf(f.replayCommand()).orElseThrow();
            assertEquals("SLOT-4", ReplayFile.read(replay).expectedRule());
        }
    }

    @Test
    void aForkNeedsExactlyOneDesign() {
        assertThrows(IllegalStateException.class, () -> ForkConfig.design(null));
        assertThrows(IllegalStateException.class, () -> ForkConfig.design("all"));
        assertThrows(IllegalStateException.class, () -> ForkConfig.design("double-complete,legacy-serial"));
        assertEquals(design, ForkConfig.design(design.type().getName()));
    }

    @Test
    void outcomesBecomeDirectoryNames() {
        assertEquals("EXPECTED_CMP-1_SLOT-5", SampleRecorder.slug("EXPECTED CMP-1,SLOT-5"));
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
