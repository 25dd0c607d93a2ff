package dev.dextrace.campaign;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.ReportInputException;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.QueueLanes;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import dev.dextrace.model.results.ResultsIO;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins what each engine wrote into one results.json: per design the engines' entries and findings,
 * the rules all engines found together, and the verdict against the design's declared expectation.
 * An engine whose file is missing or broken is reported as not run or failed, with the reason; the
 * other engines' results still make a report.
 */
public final class CampaignMerge {

    /** One engine's results file as read, or why it could not be used. */
    public record EngineInput(String engine, Results results, Results.EngineStatus status, String reason) {
        /** The same results with the status the campaign saw (the engine's process outcome overrides its file). */
        EngineInput as(Results.EngineStatus newStatus, String newReason) {
            return new EngineInput(engine, results, newStatus, newReason);
        }
    }

    private CampaignMerge() {
    }

    /** Reads an engine's file whatever run wrote it (merge-only: join what is there). */
    public static EngineInput read(String engine, Path file) {
        return read(engine, file, null);
    }

    /**
     * Reads an engine's file; a missing file means the engine did not run, a broken one that it failed. With a
     * {@code runId}, a file that another run wrote (or a file with no run ID) is not this run's: it reads as
     * "not run", with the reason, and its designs are not used.
     */
    public static EngineInput read(String engine, Path file, String runId) {
        if (!Files.exists(file)) {
            return new EngineInput(engine, null, Results.EngineStatus.NOT_RUN, "no results at " + file + ": the engine did not run");
        }
        try {
            Results r = ResultsIO.read(file);
            String theirs = r.run() == null ? null : r.run().id();
            if (runId != null && !runId.equals(theirs)) {
                return new EngineInput(engine, null, Results.EngineStatus.NOT_RUN, "the results at " + file + " are not this run's: "
                        + (theirs == null ? "they name no run" : "they are run " + theirs + "'s") + ", this is run " + runId);
            }
            Results.EngineRun run = r.engines().get(engine);
            return new EngineInput(engine, r, run == null ? Results.EngineStatus.RAN : run.status(), run == null ? null : run.reason());
        } catch (ReportInputException e) {
            return new EngineInput(engine, null, Results.EngineStatus.FAILED, "its results could not be read: " + e.getMessage());
        }
    }

    /**
     * One engine's processes' results as one input ({@code --claims}: each process searched the designs it claimed):
     * per design the entry of the process that searched it, else one saying it was not run; the first process that
     * did not run says how the engine ended; the time is the processes' together.
     */
    static EngineInput ofParts(List<EngineInput> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String engine = parts.get(0).engine();
        EngineInput worst = parts.stream().filter(p -> p.status() != Results.EngineStatus.RAN).findFirst().orElse(parts.get(0));
        List<Results> read = parts.stream().map(EngineInput::results).filter(Objects::nonNull).toList();
        if (read.isEmpty()) {
            return worst;
        }
        Map<String, Results.Design> byName = new LinkedHashMap<>();
        for (Results r : read) {
            for (Results.Design d : r.designs()) {
                Results.DesignEngine e = d.engines().get(engine);
                if ((e != null && e.ran()) || !byName.containsKey(d.name())) {
                    byName.put(d.name(), d);
                }
            }
        }
        List<Long> times = read.stream().map(r -> r.engines().get(engine)).filter(Objects::nonNull)
                .map(run -> run.durationMillis() == null ? 0L : run.durationMillis()).toList();
        long took = times.stream().mapToLong(Long::longValue).sum();
        List<Long> searched = parts.stream().map(p -> p.results() == null ? 0L : p.results().designs().stream()
                .filter(d -> d.engines().containsKey(engine) && d.engines().get(engine).ran()).count()).toList();
        long longest = times.stream().mapToLong(Long::longValue).max().orElse(0);
        String reason = parts.size() + " processes searched " + String.join(" + ", searched.stream().map(String::valueOf).toList())
                + " designs, the longest for " + Math.round(longest / 1000.0) + " s"
                + (worst.status() == Results.EngineStatus.RAN ? "" : "; process " + (parts.indexOf(worst) + 1) + ": " + worst.reason());
        Results first = read.get(0);
        Results joined = new Results(first.schemaVersion(), first.generatedAt(), took, first.budget(), first.environment(),
                Map.of(engine, new Results.EngineRun(worst.status(), reason, took)), List.copyOf(byName.values()), first.run(),
                read.stream().flatMap(r -> r.rules().stream()).distinct().toList());
        return new EngineInput(engine, joined, worst.status(), reason);
    }

    /**
     * The pairs any engine overlapped, from the pairs each says it overlapped in the lane mappings it searched; when
     * none says (engines older than that), the pairs of the first mapping, which every engine searched.
     */
    private static Results.QueuePairs queuePairs(DesignEntry d, List<Scenario> scenarios, Collection<Results.DesignEngine> engines) {
        List<Results.QueuePairs> said = engines.stream().map(Results.DesignEngine::queuePairs).filter(Objects::nonNull).toList();
        return said.isEmpty() ? QueueLanes.of(d, scenarios) : QueueLanes.union(said);
    }

    public static Results merge(List<DesignEntry> designs, List<EngineInput> inputs, Map<String, Object> budget, long durationMillis,
                                Results.Run run) {
        Map<String, Results.EngineRun> engines = new LinkedHashMap<>();
        for (EngineInput in : inputs) {
            Long took = in.results() == null || in.results().engines().get(in.engine()) == null ? null
                    : in.results().engines().get(in.engine()).durationMillis();
            engines.put(in.engine(), new Results.EngineRun(in.status(), in.reason(), took));
        }
        Object chosen = budget.get("scenarios");
        List<Scenario> scenarios = Scenarios.select(chosen == null ? null : chosen.toString()).toJavaList();
        List<Results.Design> merged = new ArrayList<>();
        for (DesignEntry d : designs) {
            Map<String, Results.DesignEngine> perEngine = new LinkedHashMap<>();
            List<Results.Finding> findings = new ArrayList<>();
            Set<String> found = new TreeSet<>();
            boolean ran = false;
            for (EngineInput in : inputs) {
                Results.Design fromEngine = in.results() == null ? null
                        : in.results().designs().stream().filter(x -> x.name().equals(d.name())).findFirst().orElse(null);
                if (fromEngine == null) {
                    continue;
                }
                Results.DesignEngine e = fromEngine.engines().get(in.engine());
                if (e != null) {
                    perEngine.put(in.engine(), e);
                    if (e.ran()) {
                        ran = true;
                        found.addAll(e.rules());
                    }
                }
                findings.addAll(fromEngine.findings());
            }
            merged.add(Grading.design(d, found, ran, perEngine, findings).withQueuePairs(queuePairs(d, scenarios, perEngine.values())));
        }
        return new Results(Results.SCHEMA_VERSION, Instant.now().toString(), durationMillis, budget, Results.Environment.ofThisJvm(), engines,
                merged, run, DesignEntry.customRules(designs));
    }
}
