package dev.dextrace.stress;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.EngineExit;
import dev.dextrace.model.results.ProcessTree;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import dev.dextrace.model.results.AtomicWrite;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.ivars.Ivars;
import dev.dextrace.stress.fork.ForkConfig;
import dev.dextrace.stress.fork.SampleFile;
import dev.dextrace.stress.scenarios.ScenarioTests;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.collectors.TestResultCollector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A jcstress campaign: every selected design on every selected scenario that applies to it, one design
 * at a time, graded against the design's declaration. Writes {@code <out>/jcstress.json} (results.json
 * schema 1) after each design, jcstress's HTML report per design under {@code <out>/jcstress-html}, and
 * exits as {@link EngineExit} says: 3 when a design is not as expected or a run did not complete.
 */
@Command(name = "StressCampaign", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the dextrace jcstress scenarios against driver designs and grades what they show.")
public final class StressCampaign implements Callable<Integer> {
    @Option(names = "--designs", defaultValue = "all", paramLabel = "FILTER",
            description = "all, or comma-separated catalogue names and user design class names (default: ${DEFAULT-VALUE}).")
    String designs;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "FILTER",
            description = "all, or comma-separated scenario names (default: ${DEFAULT-VALUE}).")
    String scenarios;

    @Option(names = "--budget", defaultValue = "smoke", description = "smoke or full (default: ${DEFAULT-VALUE}).")
    Budget budget;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop the campaign after this long, e.g. 90s, 8m (default, or blank: 8m smoke, 15m full).")
    String timeout;

    @Option(names = "--out", defaultValue = "target/campaign", paramLabel = "DIR",
            description = "Where jcstress.json, the HTML reports, samples and logs go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--samples-per-outcome", defaultValue = "3", paramLabel = "N",
            description = "Violating samples kept per design, scenario and outcome (default: ${DEFAULT-VALUE}).")
    int samplesPerOutcome;

    @Option(names = "--jcstress-args", defaultValue = "", paramLabel = "ARGS",
            description = "Extra jcstress options after the budget's, which they override, e.g. \"-time 2000 -iters 3\".")
    String jcstressArgs;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "The campaign run that asked for these results; written into jcstress.json so the campaign knows its own.")
    String runId;

    private final PrintStream console = System.out;
    private final List<DesignRun> finished = new ArrayList<>();
    private List<DesignEntry> planned = List.of();
    private long startMillis;
    private List<String> args = List.of();
    private volatile Stop stop;
    private volatile boolean done;

    /** Why the campaign ended early. */
    private record Stop(Results.EngineStatus status, String reason) {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Exit codes: {@link EngineExit}. */
    static CommandLine commandLine() {
        return new CommandLine(new StressCampaign()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        List<Scenario> selectedScenarios;
        Duration limit;
        try {
            selectedScenarios = Scenarios.select(scenarios).toJavaList();
            planned = Catalogue.select(designs).toJavaList().stream()
                    .filter(d -> selectedScenarios.stream().anyMatch(s -> s.appliesTo(d))).toList();
            limit = timeout == null || timeout.isBlank() ? budget.defaultTimeout : parseDuration(timeout);
        } catch (IllegalArgumentException e) {
            console.println("StressCampaign: " + e.getMessage());
            return EngineExit.USAGE.code;
        }
        if (planned.isEmpty()) {
            console.println("StressCampaign: no selected design has a selected scenario on its path: nothing to run");
            return EngineExit.USAGE.code;
        }
        args = budget.jcstressArgs(Stream.of(jcstressArgs.trim().split("\\s+")).filter(a -> !a.isEmpty()).toList());

        // A previous campaign's samples and reports would pass for this one's.
        for (String dir : List.of("samples", "jcstress-html", "jcstress-results")) {
            deleteRecursively(out.resolve(dir));
        }
        Files.createDirectories(out);
        startMillis = System.currentTimeMillis();
        Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "dextrace-campaign-shutdown"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dextrace-campaign-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.schedule(() -> halt(Results.EngineStatus.TIMED_OUT, "time limit of " + human(limit) + " reached"),
                limit.toMillis(), TimeUnit.MILLISECONDS);

        int pairs = planned.stream().mapToInt(d -> scenariosOf(d, selectedScenarios).size()).sum();
        console.printf("jcstress campaign: %d design(s), %d design x scenario run(s), budget %s (%s, up to %d rounds), time limit %s%n",
                planned.size(), pairs, budget.name().toLowerCase(), String.join(" ", args), budget.rounds, human(limit));
        // jcstress's probes and report printers talk on System.out: keep them in a log, the console for progress.
        try (PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("jcstress.log")), true)) {
            System.setOut(log);
            Jcstress jcstress = new Jcstress(args);
            AtomicInteger pair = new AtomicInteger();
            for (DesignEntry d : planned) {
                if (stop != null) {
                    break;
                }
                DesignRun run = runDesign(jcstress, d, scenariosOf(d, selectedScenarios), pair, pairs);
                synchronized (this) {
                    finished.add(run);
                }
                write();
            }
        } catch (Exception e) {
            halt(Results.EngineStatus.FAILED, "the campaign failed: " + e);
            throw e;
        } finally {
            System.setOut(console);
            watchdog.shutdownNow();
            write();
            done = true;
        }
        return report();
    }

    private static List<Scenario> scenariosOf(DesignEntry d, List<Scenario> selected) {
        return selected.stream().filter(s -> s.appliesTo(d)).toList();
    }

    private DesignRun runDesign(Jcstress jcstress, DesignEntry d, List<Scenario> mine, AtomicInteger pair, int pairs)
            throws Exception {
        Path samplesDir = out.resolve("samples").resolve(d.name()).toAbsolutePath();
        List<String> forkArgs = List.of(Ivars.ATTACH_SELF,
                "-D" + ForkConfig.DESIGN + "=" + d.type().getName(),
                "-D" + ForkConfig.SAMPLES_DIR + "=" + samplesDir,
                "-D" + ForkConfig.SAMPLES_PER_OUTCOME + "=" + samplesPerOutcome);
        Map<String, String> scenarioOfTest = new LinkedHashMap<>();
        mine.forEach(s -> scenarioOfTest.put(ScenarioTests.className(s), s.name()));
        long start = System.currentTimeMillis();
        TestResultCollector progress = r -> console.printf("%-8s %-28s %-28s %5.1fs %s%n",
                r.getConfig().forkId == 0 ? "[" + pair.incrementAndGet() + "/" + pairs + "]" : "[fork " + (r.getConfig().forkId + 1) + "]",
                d.name(), scenarioOfTest.getOrDefault(r.getName(), r.getName()),
                (System.currentTimeMillis() - start) / 1000.0, describe(r));

        // Another round while a wrong design has not shown every rule it is expected to break.
        Predicate<Collection<TestResult>> anotherRound = soFar -> stop == null
                && !rulesSoFar(soFar, samplesDir).containsAll(d.violates().toJavaSet());
        Map<String, TestResult> byTest = jcstress.run(scenarioOfTest.keySet(), forkArgs,
                out.resolve("jcstress-results").resolve("jcstress-results-" + d.name() + ".bin.gz"),
                out.resolve("jcstress-html").resolve(d.name()), progress, budget.rounds, anotherRound);
        long duration = System.currentTimeMillis() - start;
        Stop s = stop;
        return new DesignRun(d, mine, byTest, jcstress, SampleFile.readAll(samplesDir), start, duration,
                s == null ? null : s.reason());
    }

    /** "34,818 samples: EXPECTED Q-3 34,570, EXPECTED CMP-1,Q-3 236, ..." or the status of a failed fork. */
    private static String describe(TestResult r) {
        if (r.status() != Status.NORMAL) {
            return r.status() + " " + r.getMessages().stream().findFirst().orElse("");
        }
        StringBuilder sb = new StringBuilder(String.format("%,9d samples:", r.getTotalCount()));
        r.getStateKeys().stream().sorted(Comparator.comparingLong(r::getCount).reversed())
                .forEach(o -> sb.append(String.format(" %s %,d;", o, r.getCount(o))));
        return sb.toString();
    }

    private static java.util.SortedSet<String> rulesSoFar(Collection<TestResult> soFar, Path samplesDir) {
        try {
            return DesignRun.rulesSoFar(soFar, samplesDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the samples kept in " + samplesDir, e);
        }
    }

    /** Ends the campaign early: marks why, and kills the jcstress forks so the current design's run returns. */
    private void halt(Results.EngineStatus status, String reason) {
        if (stop == null) {
            stop = new Stop(status, reason);
        }
        // Only this JVM's own children: the jcstress forks it started.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private void onShutdown() {
        if (!done) { // SIGINT or SIGTERM before the campaign ended: leave valid JSON for what finished
            halt(Results.EngineStatus.INTERRUPTED, "interrupted");
            write();
            // Again: jcstress may have started a fork between halt() and here; none may outlive this JVM.
            ProcessTree.stopDescendants(Duration.ofSeconds(2));
        }
    }

    /** Writes jcstress.json for what has finished so far, atomically: a reader never sees half a file. */
    private synchronized void write() {
        List<Results.Design> designs = new ArrayList<>();
        finished.forEach(r -> designs.add(r.toResults()));
        planned.subList(finished.size(), planned.size()).forEach(d -> designs.add(Grading.notRun(d)));
        long duration = System.currentTimeMillis() - startMillis;
        Results results = new Results(Results.SCHEMA_VERSION, Instant.now().toString(), duration, budgetInfo(),
                Results.Environment.ofThisJvm(),
                Map.of(DesignRun.ENGINE, engineRun(duration)), designs,
                new Results.Run(runId, this.designs, scenarios, budget.name().toLowerCase()));
        try {
            AtomicWrite.write(out.resolve("jcstress.json"), tmp -> ResultsIO.write(results, tmp));
        } catch (IOException e) {
            console.println("StressCampaign: cannot write " + out.resolve("jcstress.json") + ": " + e);
        }
    }

    private Results.EngineRun engineRun(long duration) {
        Stop s = stop;
        String where = finished.size() + " of " + planned.size() + " designs done";
        if (s != null) {
            String during = finished.size() < planned.size() ? " during " + planned.get(finished.size()).name() : "";
            return new Results.EngineRun(s.status(), s.reason() + during + "; " + where, duration);
        }
        List<String> problems = finished.stream().flatMap(r -> r.problems.stream().map(p -> r.design.name() + ": " + p)).toList();
        if (!problems.isEmpty()) {
            return new Results.EngineRun(Results.EngineStatus.FAILED, String.join("; ", problems), duration);
        }
        if (finished.size() < planned.size()) { // written while running: if the process dies now, that is what it was
            return new Results.EngineRun(Results.EngineStatus.INTERRUPTED, "campaign running or killed; " + where, duration);
        }
        return new Results.EngineRun(Results.EngineStatus.RAN, "all selected tests completed; " + where, duration);
    }

    private Map<String, Object> budgetInfo() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("mode", budget.name().toLowerCase());
        b.put("jcstressArgs", String.join(" ", args));
        b.put("designs", designs);
        b.put("scenarios", scenarios);
        b.put("maxRounds", budget.rounds);
        b.put("samplesPerOutcome", samplesPerOutcome);
        return b;
    }

    private int report() {
        console.println();
        console.println("jcstress campaign summary:");
        finished.forEach(r -> console.println("  " + r.summary()));
        long good = finished.stream().filter(r -> r.verdict() == Results.Grade.AS_EXPECTED).count();
        Results.EngineRun engine = engineRun(System.currentTimeMillis() - startMillis);
        boolean passed = engine.status() == Results.EngineStatus.RAN && good == planned.size();
        console.printf("jcstress campaign %s: %d of %d design(s) as expected, jcstress %s (%s), %.0f s; results in %s%n",
                passed ? "PASSED" : "FAILED", good, planned.size(), engine.status(), engine.reason(),
                engine.durationMillis() / 1000.0, out.resolve("jcstress.json").toAbsolutePath());
        return EngineExit.of(passed);
    }

    static Duration parseDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--timeout: '" + text + "' is not a duration like 90s, 8m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** "8m", "90s", "0.001s": how the time limit was given. */
    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
