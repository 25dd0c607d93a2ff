package dev.dextrace.controlled;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.AtomicWrite;
import dev.dextrace.model.results.EngineExit;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A controlled-runtime campaign: every selected design searched by {@link ControlledSearch}. Writes
 * {@code controlled.json} (docs/results-schema.md) after each design, atomically, and a replay file per
 * finding under {@code <out>/controlled-replays}. Exit codes: {@link EngineExit} (0 every design as expected,
 * 3 not, 2 bad arguments, 1 crashed), as the campaign expects of every engine.
 */
@Command(name = "dextrace-controlled-campaign", mixinStandardHelpOptions = true,
        description = "Searches the designs' interleavings on the controlled runtime and writes controlled.json.")
public final class ControlledCampaign implements Callable<Integer> {
    @Option(names = "--designs", defaultValue = "all",
            description = "all, or catalogue names and class names of user designs, comma-separated (default: ${DEFAULT-VALUE}).")
    private String designs;

    @Option(names = "--scenarios", defaultValue = "all", description = "all, or scenario names, comma-separated (default: ${DEFAULT-VALUE}).")
    private String scenarios;

    @Option(names = "--budget", defaultValue = "smoke",
            description = "smoke (<= 1 preemption), full (<= 2) or tough (<= 3), each followed by PCT runs (default: ${DEFAULT-VALUE}).")
    private String budget;

    @Option(names = "--out", defaultValue = "target/campaign", description = "Folder for controlled.json (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--no-reduction", description = "Search without partial-order reduction (to measure what it saves).")
    private boolean noReduction;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "The campaign run that asked for these results; written into controlled.json so the campaign knows its own.")
    private String runId;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ControlledCampaign()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<DesignEntry> selected;
        List<Scenario> chosen;
        ControlledSearch.Budget b;
        try {
            selected = Catalogue.select(designs).toJavaList();
            chosen = Scenarios.select(scenarios).toJavaList();
            b = noReduction ? ControlledSearch.Budget.named(budget).withoutReduction() : ControlledSearch.Budget.named(budget);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return EngineExit.USAGE.code;
        }
        long start = System.currentTimeMillis();
        Map<String, Object> budgetInfo = new LinkedHashMap<>();
        budgetInfo.put("controlledBudget", b.name());
        budgetInfo.put("controlledPreemptions", b.preemptions());
        budgetInfo.put("controlledPctRuns", b.pctRuns());
        budgetInfo.put("controlledPctDepth", b.pctDepth());
        budgetInfo.put("controlledReduction", b.reduce());
        budgetInfo.put("designs", designs);
        budgetInfo.put("scenarios", scenarios);
        Path json = out.resolve(ControlledSearch.ENGINE + ".json");
        Path replays = out.resolve(ControlledSearch.ENGINE + "-replays");
        List<Results.Design> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (DesignEntry d : selected) {
            Results.Design entry;
            try {
                ControlledSearch.Report r = ControlledSearch.run(d, chosen, b,
                        s -> System.out.println("[controlled] " + d.name() + " / " + s.scenario() + ": " + s));
                ControlledSearch.writeReplays(r, replays);
                entry = r.statements().isEmpty() ? Grading.notRun(d) : r.toResults(replays);
                System.out.println("[controlled] " + d.name() + ": " + entry.verdict() + " (expected " + d.violates().toJavaSet()
                        + ", found " + r.rules() + ", " + r.runs() + " runs, first detection "
                        + (r.firstDetectionMillis() == null ? "none" : r.firstDetectionMillis() + " ms") + ", " + r.millis() + " ms)");
            } catch (RuntimeException e) { // the search itself failed on this design: the others still run
                failed.add(d.name());
                entry = Grading.notRun(d);
                System.out.println("[controlled] " + d.name() + ": NOT RUN, the search failed: " + e);
            }
            done.add(entry);
            boolean last = done.size() == selected.size();
            Results.EngineRun run = !last ? new Results.EngineRun(Results.EngineStatus.INTERRUPTED,
                    "in progress: " + done.size() + " of " + selected.size() + " designs searched", System.currentTimeMillis() - start)
                    : failed.isEmpty() ? new Results.EngineRun(Results.EngineStatus.RAN,
                    selected.size() + " designs searched, budget " + b.name(), System.currentTimeMillis() - start)
                    : new Results.EngineRun(Results.EngineStatus.FAILED, "the search failed on " + String.join(", ", failed),
                    System.currentTimeMillis() - start);
            AtomicWrite.write(json, tmp -> ResultsIO.write(new Results(Results.SCHEMA_VERSION,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), System.currentTimeMillis() - start, budgetInfo,
                    Results.Environment.ofThisJvm(), Map.of(ControlledSearch.ENGINE, run), done,
                    new Results.Run(runId, designs, scenarios, b.name())), tmp));
        }
        System.out.println("[controlled] results: " + json.toAbsolutePath().normalize());
        return EngineExit.of(done.stream().allMatch(x -> x.verdict() == Results.Grade.AS_EXPECTED));
    }
}
