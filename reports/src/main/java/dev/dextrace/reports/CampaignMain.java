package dev.dextrace.reports;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The campaign: runs the engines (jcstress, then Lincheck) as child JVMs, joins what they wrote,
 * writes {@code results.json} and {@code index.html} into the report folder, and prints the path and
 * one line per design. An engine that fails, overruns or is interrupted is reported as such; the
 * report is written in every case, also when the campaign itself is interrupted (a shutdown hook).
 * Exit 0 when every design came out as expected, 1 otherwise, 2 for bad options.
 */
@Command(name = "dextrace-campaign", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the dextrace engines and writes the race report.")
public final class CampaignMain implements Callable<Integer> {

    @Option(names = "--designs", defaultValue = "all",
            description = "all, or catalogue names and design class names, comma-separated (default: ${DEFAULT-VALUE}).")
    private String designs;

    @Option(names = "--scenarios", defaultValue = "all", description = "all, or scenario names, comma-separated (default: ${DEFAULT-VALUE}).")
    private String scenarios;

    @Option(names = "--budget", defaultValue = "full", description = "smoke or full (default: ${DEFAULT-VALUE}).")
    private String budget;

    @Option(names = "--engines", defaultValue = "jcstress,lincheck", split = ",",
            description = "Which engines to run (default: ${DEFAULT-VALUE}).")
    private List<String> engines;

    @Option(names = "--work", defaultValue = "target/campaign", paramLabel = "<dir>", description = "Where the engines write (default: ${DEFAULT-VALUE}).")
    private Path work;

    @Option(names = "--out", defaultValue = "target/race-report", paramLabel = "<dir>",
            description = "The report folder: index.html, results.json, replays/ (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--scale", paramLabel = "<scale.json>",
            description = "The scale study to show in the report (default: benchmarks/scale.json when it exists).")
    private Path scale;

    @Option(names = "--runs", defaultValue = "1",
            description = "Run the campaign this many times, 1 to 1000, and add the detection benchmark (detection rate, "
                    + "time to first detection, false alarms over the runs) to the report (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--merge-only", description = "Do not run the engines; join the results they left in --work.")
    private boolean mergeOnly;

    private final long started = System.currentTimeMillis();
    private final Map<String, EngineProcess.Outcome> outcomes = new LinkedHashMap<>();
    private List<DesignEntry> selected = List.of();
    private volatile boolean reported;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CampaignMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        try {
            selected = Catalogue.select(designs).toJavaList();
            engines.forEach(this::spec);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (!budget.equals("smoke") && !budget.equals("full")) {
            System.err.println("error: --budget must be smoke or full, was " + budget);
            return CommandLine.ExitCode.USAGE;
        }
        if (scale != null && !Files.isRegularFile(scale)) {
            System.err.println("error: --scale: no file " + scale);
            return CommandLine.ExitCode.USAGE;
        }
        if (runs < 1 || runs > 1000 || (runs > 1 && mergeOnly)) {
            System.err.println("error: --runs must be between 1 and 1000, and 1 with --merge-only, was " + runs);
            return CommandLine.ExitCode.USAGE;
        }
        if (runs > 1) {
            List<String> oneRun = new ArrayList<>(List.of("--designs", designs, "--scenarios", scenarios, "--budget", budget,
                    "--engines", String.join(",", engines)));
            if (scale != null) {
                oneRun.addAll(List.of("--scale", scale.toString()));
            }
            return new DetectionBenchmark(runs, oneRun, shownBudget(), work, out, scale, selected).run();
        }
        Thread onInterrupt = new Thread(() -> report(true), "dextrace-campaign-report");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        if (!mergeOnly) {
            for (String engine : engines) {
                System.out.println("== " + engine + " ==");
                EngineProcess p = spec(engine);
                outcomes.put(engine, p.run());
                System.out.println("== " + engine + ": " + outcomes.get(engine).status()
                        + (outcomes.get(engine).reason() == null ? "" : " (" + outcomes.get(engine).reason() + ")"));
            }
        }
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        return report(false);
    }

    /** How each engine is run: its main class, JVM options, arguments and results file. */
    private EngineProcess spec(String engine) {
        Path dir = work.resolve(engine).toAbsolutePath();
        List<String> common = List.of("--designs", designs, "--scenarios", scenarios, "--budget", budget, "--out", dir.toString());
        return switch (engine) {
            case "jcstress" -> new EngineProcess(engine, "dev.dextrace.stress.StressCampaign", List.of(), common,
                    dir.resolve("jcstress.json"), Duration.ofMinutes(budget.equals("smoke") ? 10 : 20));
            case "lincheck" -> new EngineProcess(engine, "dev.dextrace.lincheck.LincheckCampaign", List.of("-Dlincheck.logLevel=error"),
                    concat(common, List.of("--traces", dir.resolve("traces").toString())),
                    dir.resolve("lincheck.json"), Duration.ofMinutes(budget.equals("smoke") ? 10 : 20));
            default -> throw new IllegalArgumentException("--engines: unknown engine '" + engine + "'; engines: jcstress, lincheck");
        };
    }

    /** What the report's header shows as the budget. */
    private Map<String, Object> shownBudget() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("budget", budget);
        shown.put("designs", designs);
        shown.put("scenarios", scenarios);
        shown.put("engines", String.join(",", engines));
        if (runs > 1) {
            shown.put("runs", runs);
        }
        return shown;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Joins, writes and prints the report once; on interruption the engine that was running is marked so. */
    private synchronized int report(boolean interrupted) {
        if (reported) {
            return 0;
        }
        reported = true;
        List<CampaignMerge.EngineInput> inputs = new ArrayList<>();
        for (String engine : engines) {
            CampaignMerge.EngineInput in = CampaignMerge.read(engine, spec(engine).resultsFile());
            EngineProcess.Outcome o = outcomes.get(engine);
            if (interrupted && o == null) {
                o = new EngineProcess.Outcome(Results.EngineStatus.INTERRUPTED, "the campaign was interrupted before or while it ran");
            }
            if (o != null && o.status() != Results.EngineStatus.RAN) {
                in = new CampaignMerge.EngineInput(engine, in.results(), o.status(), o.reason());
            }
            inputs.add(in);
        }
        Results merged = CampaignMerge.merge(selected, inputs, shownBudget(), System.currentTimeMillis() - started);
        Path page;
        try {
            Files.createDirectories(out);
            Path json = out.resolve("results.json");
            ResultsIO.write(merged, json);
            page = ReportRenderer.write(merged, json, out, null, ScaleView.loadOrWarn(scale));
            copyReplays(work, out.resolve("replays"));
        } catch (IOException e) {
            System.err.println("error: cannot write the report to " + out + ": " + e);
            return 1;
        }
        inputs.forEach(in -> System.out.println("engine " + in.engine() + ": " + in.status()
                + (in.reason() == null ? "" : " (" + in.reason() + ")")));
        merged.designs().forEach(d -> System.out.println(ReportView.summaryLine(d)));
        System.out.println("race report: " + page.toAbsolutePath().normalize());
        return merged.designs().stream().allMatch(d -> d.verdict() == Results.Verdict.AS_EXPECTED) ? 0 : 1;
    }

    /** The replay files under {@code from}, copied into {@code into}, so a report folder stands on its own. */
    static void copyReplays(Path from, Path into) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(into);
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".replay"))::iterator) {
                Files.copy(f, into.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
