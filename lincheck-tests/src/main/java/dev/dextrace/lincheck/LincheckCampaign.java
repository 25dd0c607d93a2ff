package dev.dextrace.lincheck;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.AtomicWrite;
import dev.dextrace.model.results.EngineExit;
import dev.dextrace.model.results.ProcessTree;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * A Lincheck campaign: every selected design under every scenario of its path, each scenario searched
 * until Lincheck's budget passes without a new rule. Writes {@code lincheck.json} (docs/results-schema.md)
 * after each design, atomically, so an interrupted campaign keeps what it has. Exit codes: {@link EngineExit}
 * (0 every design as expected, 3 not, 2 bad arguments, 1 crashed).
 */
@Command(name = "dextrace-lincheck-campaign", mixinStandardHelpOptions = true,
        description = "Searches the designs' interleavings with Lincheck and writes lincheck.json.")
public final class LincheckCampaign implements Callable<Integer> {
    /** Interleavings per search for each budget: smoke for a quick look, full for the campaign job. */
    enum Budget {
        SMOKE(50), FULL(60);

        final int invocations;

        Budget(int invocations) {
            this.invocations = invocations;
        }
    }

    @Option(names = "--designs", defaultValue = "all",
            description = "all, or catalogue names and class names of user designs, comma-separated (default: ${DEFAULT-VALUE}).")
    private String designs;

    @Option(names = "--scenarios", defaultValue = "all", description = "all, or scenario names, comma-separated (default: ${DEFAULT-VALUE}).")
    private String scenarios;

    @Option(names = "--budget", defaultValue = "smoke", description = "smoke (50 interleavings per search) or full (60) (default: ${DEFAULT-VALUE}).")
    private String budget;

    @Option(names = "--invocations", defaultValue = "0", description = "Interleavings per search; overrides --budget when above 0.")
    private int invocations;

    @Option(names = "--out", defaultValue = "target/campaign", description = "Folder for lincheck.json (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--traces", defaultValue = "target/lincheck-traces", description = "Folder for traces and replay files (default: ${DEFAULT-VALUE}).")
    private Path traces;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "The campaign run that asked for these results; written into lincheck.json so the campaign knows its own.")
    private String runId;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LincheckCampaign()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<DesignEntry> selected;
        List<Scenario> chosen;
        int perSearch;
        try {
            selected = Catalogue.select(designs).toJavaList();
            chosen = Scenarios.select(scenarios).toJavaList();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return EngineExit.USAGE.code;
        }
        try {
            perSearch = invocations > 0 ? invocations : Budget.valueOf(budget.trim().toUpperCase(Locale.ROOT)).invocations;
        } catch (IllegalArgumentException e) {
            System.err.println("error: --budget must be smoke or full, was '" + budget + "'");
            return EngineExit.USAGE.code;
        }
        // Lincheck runs in this JVM; should anything it uses start a process, SIGTERM ends that too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessTree.stopDescendants(Duration.ofSeconds(2)),
                "dextrace-lincheck-shutdown"));
        long start = System.currentTimeMillis();
        Map<String, Object> budgetInfo = new LinkedHashMap<>();
        budgetInfo.put("lincheckBudget", budget);
        budgetInfo.put("lincheckInvocations", perSearch);
        budgetInfo.put("designs", designs);
        budgetInfo.put("scenarios", scenarios);
        List<Results.Design> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Path json = out.resolve("lincheck.json");
        for (DesignEntry d : selected) {
            List<Scenario> mine = chosen.stream().filter(s -> s.appliesTo(d)).toList();
            try {
                DesignSearch.Report r = DesignSearch.run(d, mine, perSearch, DesignSearch.Goal.EXPECTED_RULES, false, traces,
                        LincheckCampaign::progress);
                done.add(design(d, r, !mine.isEmpty()));
                System.out.println("[lincheck] " + summary(d, r, mine.isEmpty()));
            } catch (RuntimeException | AssertionError e) { // Lincheck itself failed (a hang, an exception): the others still run
                failed.add(d.name());
                done.add(design(d, null, false));
                System.out.println("[lincheck] " + d.name() + ": NOT RUN, Lincheck failed: " + e.toString().lines().findFirst().orElse(""));
            }
            boolean last = done.size() == selected.size();
            Results.EngineRun run = !last ? new Results.EngineRun(Results.EngineStatus.INTERRUPTED,
                    "in progress: " + done.size() + " of " + selected.size() + " designs searched", System.currentTimeMillis() - start)
                    : failed.isEmpty() ? new Results.EngineRun(Results.EngineStatus.RAN, selected.size() + " designs searched, "
                    + perSearch + " interleavings per search", System.currentTimeMillis() - start)
                    : new Results.EngineRun(Results.EngineStatus.FAILED, "Lincheck failed on " + String.join(", ", failed),
                    System.currentTimeMillis() - start);
            write(new Results(Results.SCHEMA_VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    System.currentTimeMillis() - start, budgetInfo, Results.Environment.ofThisJvm(), Map.of("lincheck", run), done,
                    new Results.Run(runId, designs, scenarios, budget)), json);
        }
        System.out.println("[lincheck] results: " + json.toAbsolutePath().normalize());
        return EngineExit.of(done.stream().allMatch(x -> x.verdict() == Results.Grade.AS_EXPECTED));
    }

    private static void progress(LincheckSearch.Result r) {
        System.out.println("[lincheck] " + r.design().name() + " / " + r.scenario().name() + ": "
                + (r.found() == null ? "clean" : r.found().verdict().outcome() + " at interleaving " + r.found().invocation())
                + " (" + r.invocations() + " interleavings, " + r.millis() + " ms)");
    }

    private static String summary(DesignEntry d, DesignSearch.Report r, boolean noScenario) {
        Results.Grade v = noScenario ? Results.Grade.NOT_RUN : Grading.grade(d, r.rules(), true);
        return d.name() + ": " + v + " (expected " + d.violates().toJavaSet() + ", found " + r.rules() + ", "
                + r.invocations() + " interleavings, " + r.millis() / 1000 + " s)";
    }

    /** A design's entry; {@code r} null when it did not run. */
    private static Results.Design design(DesignEntry d, DesignSearch.Report r, boolean ran) {
        if (r == null || !ran) {
            return Grading.notRun(d);
        }
        List<String> found = List.copyOf(r.rules());
        Map<String, Long> byRule = new TreeMap<>();
        List<Results.Finding> findings = new ArrayList<>();
        r.caught().values().forEach(c -> {
            byRule.put(c.rule(), c.millisFromDesignStart());
            findings.add(Grading.finding(d.name() + "/lincheck/" + c.scenario().name() + "/" + (findings.size() + 1), "lincheck",
                    c.scenario().name(), c.violation(), DesignSearch.interleaving(c.found().lincheckTrace()),
                    DesignSearch.replayCommand(c.replayFile())));
        });
        Long first = byRule.values().stream().min(Long::compare).orElse(null);
        Results.DesignEngine engine = new Results.DesignEngine(true, found, first, byRule, null, null, null, (long) r.invocations());
        return Grading.design(d, r.rules(), true, Map.of("lincheck", engine), findings);
    }

    private static void write(Results results, Path json) throws IOException {
        AtomicWrite.write(json, tmp -> ResultsIO.write(results, tmp));
    }
}
