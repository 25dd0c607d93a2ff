package dev.dextrace.stress.fork;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.monitor.Violation;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the first few violating samples per scenario and outcome, as {@code <dir>/<scenario>/<outcome>/<n>.json}
 * plus one replay file per rule ({@code <design>.<scenario>.<outcome>.<n>.<rule>.replay}). Slots are claimed with an exclusive file create, so the bound holds across
 * every fork of a run; each file is written atomically, the JSON last, so a reader never sees half a sample.
 */
final class SampleRecorder {

    private final Path dir;
    private final DesignEntry design;
    private final int limit;
    /** Outcomes whose slots are all taken: most samples of a wrong design violate, so skip the file system for them. */
    private final Set<String> full = ConcurrentHashMap.newKeySet();

    SampleRecorder(Path dir, DesignEntry design, int limit) {
        this.dir = dir.toAbsolutePath();
        this.design = design;
        this.limit = limit;
    }

    void record(Scenario scenario, String outcome, World world, Verdict verdict) {
        record(scenario, outcome, world, verdict, false);
    }

    /** Keeps the sample the watchdog stopped before it halts the fork; its directory says so ({@code halted-<outcome>}). */
    void recordHalt(Scenario scenario, String outcome, World world, Verdict verdict) {
        record(scenario, outcome, world, verdict, true);
    }

    private void record(Scenario scenario, String outcome, World world, Verdict verdict, boolean forkHalted) {
        long observedAt = System.currentTimeMillis();
        String key = scenario.name() + "/" + (forkHalted ? "halted-" : "") + slug(outcome);
        if (full.contains(key)) {
            return;
        }
        Path outcomeDir = dir.resolve(key);
        try {
            Files.createDirectories(outcomeDir);
            for (int n = 1; n <= limit; n++) {
                if (claim(outcomeDir.resolve(n + ".claim"))) {
                    write(outcomeDir, n, scenario, outcome, observedAt, world, verdict, forkHalted);
                    return;
                }
            }
            full.add(key);
        } catch (IOException e) {
            // Thrown from the arbiter, this is a jcstress test error: the campaign fails rather than lose evidence.
            throw new UncheckedIOException("cannot keep a violating sample under " + outcomeDir, e);
        }
    }

    private void write(Path outcomeDir, int n, Scenario scenario, String outcome, long observedAt,
                       World world, Verdict verdict, boolean forkHalted) throws IOException {
        List<Results.Finding> findings = new ArrayList<>();
        for (String rule : verdict.rules()) {
            Violation first = verdict.first(rule).get();
            // Unique across the campaign, so the report can gather every replay file into one folder.
            Path replay = outcomeDir.resolve(String.join(".", design.name(), scenario.name(), outcomeDir.getFileName().toString(),
                    String.valueOf(n), rule, "replay"));
            ReplayFile.of(design, scenario, world, verdict, rule).write(replay);
            findings.add(Grading.finding(null, "jcstress", scenario.name(), first, null, ReplayCommand.of(replay),
                    world.hardware().faultsMet()));
        }
        new SampleFile(design.name(), scenario.name(), outcome, observedAt, findings, forkHalted).write(outcomeDir.resolve(n + ".json"));
    }

    private static boolean claim(Path file) throws IOException {
        try {
            Files.createFile(file);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    /** "EXPECTED CMP-1,SLOT-5" becomes "EXPECTED_CMP-1_SLOT-5": a directory name. */
    static String slug(String outcome) {
        return outcome.replaceAll("[^A-Za-z0-9-]+", "_");
    }
}
