package dev.dextrace.engine;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.AtomicWrite;
import dev.dextrace.model.results.EngineExit;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.ProcessTree;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine's run, in its own JVM: every selected design on every selected scenario that applies to it, one
 * design at a time, graded against the design's declaration. Writes {@code <out>/<engine>.json}
 * (docs/results-schema.md) atomically after each design, so a run stopped by its time limit or a signal leaves
 * valid results for what finished; ends its own process tree on SIGINT/SIGTERM. Exit codes: {@link EngineExit}
 * (0 every design as expected, 3 not or the run did not complete, 2 bad options, 1 crashed).
 */
@Command(name = "EngineMain", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs one dextrace engine over driver designs and grades what it finds.")
public final class EngineMain implements Callable<Integer> {
    @Option(names = "--engine", required = true, paramLabel = "NAME", description = "jcstress, lincheck or controlled.")
    String engine;

    @Option(names = "--designs", defaultValue = "all", paramLabel = "FILTER",
            description = "all, or comma-separated catalogue names and user design class names (default: ${DEFAULT-VALUE}).")
    String designs;

    @Option(names = "--scenarios", defaultValue = "all", paramLabel = "FILTER",
            description = "all, or comma-separated scenario names (default: ${DEFAULT-VALUE}).")
    String scenarios;

    @Option(names = "--budget", defaultValue = "smoke", description = "smoke, full or tough (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop after this long, e.g. 90s, 8m (default, or blank: the budget's limit for the engine).")
    String timeout;

    @Option(names = "--share", paramLabel = "DURATION",
            description = "Start no design after this long (one is always searched), e.g. 90s, or none (default, or blank: the budget's share for the engine, if any).")
    String share;

    @Option(names = "--out", defaultValue = "target/campaign", paramLabel = "DIR",
            description = "Where <engine>.json and the engine's files go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "An engine's own setting, e.g. --set invocations=5.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--claims", paramLabel = "DIR",
            description = "Share the designs with other processes of this engine: each searches only the designs it claims first in DIR.")
    Path claims;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "The campaign run that asked for these results; written into the results file so the campaign knows its own.")
    String runId;

    private final PrintStream console = System.out;
    private final List<Engine.DesignResult> finished = new ArrayList<>();
    private Engine chosen;
    private Budget level;
    private Map<String, Object> budgetInfo = Map.of();
    private List<DesignEntry> planned = List.of();
    /** Designs another process of this engine claimed first ({@code --claims}): not this run's, not in its results. */
    private final List<DesignEntry> theirs = new ArrayList<>();
    private volatile DesignEntry current;
    private long startMillis;
    private volatile Stop stop;
    private volatile boolean done;
    /** The engine's share of the campaign's time, if it has one; set once it was used up. */
    private Optional<Share> myShare = Optional.empty();
    /** Scenarios of the designs this process searched: the share's measure of what a design costs. */
    private int scenariosDone;
    private boolean shareUsed;

    /** Why the run ended early. */
    private record Stop(Results.EngineStatus status, String reason) {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Exit codes: {@link EngineExit}. */
    public static CommandLine commandLine() {
        return new CommandLine(new EngineMain());
    }

    @Override
    public Integer call() throws Exception {
        List<Scenario> selectedScenarios;
        Duration limit;
        Engine.Session session;
        try {
            chosen = Engine.named(engine);
            level = Budget.named(budget);
            selectedScenarios = Scenarios.select(scenarios).toJavaList();
            planned = Catalogue.select(designs).toJavaList().stream()
                    .filter(d -> selectedScenarios.stream().anyMatch(s -> s.appliesTo(d))).toList();
            limit = timeout == null || timeout.isBlank() ? level.engineLimit() : parseDuration(timeout);
            myShare = (share == null || share.isBlank() ? level.share(chosen.name())
                    : share.trim().equals("none") ? Optional.<Duration>empty() : Optional.of(parseDuration(share, "--share"))).map(Share::new);
            for (String key : settings.keySet()) {
                if (!chosen.settings().containsKey(key)) {
                    throw new IllegalArgumentException("--set '" + key + "' is not a setting of " + chosen.name() + "; settings: "
                            + (chosen.settings().isEmpty() ? "none" : String.join(", ", chosen.settings().keySet())));
                }
            }
            if (planned.isEmpty()) {
                throw new IllegalArgumentException("no selected design has a selected scenario on its path: nothing to run");
            }
            session = chosen.open(level, out, Map.copyOf(settings));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return EngineExit.USAGE.code;
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("mode", level.label());
        info.put("designs", designs);
        info.put("scenarios", scenarios);
        info.putAll(session.budgetInfo());
        budgetInfo = info;
        startMillis = System.currentTimeMillis();
        Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "dextrace-engine-shutdown"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dextrace-engine-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.schedule(() -> halt(Results.EngineStatus.TIMED_OUT, "time limit of " + human(limit) + " reached"),
                limit.toMillis(), TimeUnit.MILLISECONDS);

        int pairs = planned.stream().mapToInt(d -> scenariosOf(d, selectedScenarios).size()).sum();
        console.printf("%s: %d design(s), %d design x scenario run(s), budget %s (%s), time limit %s%n", chosen.name(),
                planned.size(), pairs, level.label(), session.budgetInfo(), human(limit));
        Engine.Progress progress = new Engine.Progress() {
            @Override
            public void accept(String line) {
                console.println("[" + chosen.name() + "] " + line);
            }

            @Override
            public boolean stopping() {
                return stop != null;
            }
        };
        try (session) {
            for (DesignEntry d : planned) {
                if (stop != null) {
                    break;
                }
                List<Scenario> itsScenarios = scenariosOf(d, selectedScenarios);
                if (myShare.isPresent() && !myShare.get().admits(Duration.ofMillis(System.currentTimeMillis() - startMillis),
                        scenariosDone, itsScenarios.size())) {
                    shareUsed = true; // the designs not reached are written as not run by this engine: the others search them
                    progress.accept("its share of " + human(myShare.get().length()) + " is used: " + finished.size() + " of "
                            + planned.size() + " designs searched, the next would not end inside it");
                    break;
                }
                if (claims != null && !new DesignClaims(claims).claim(d)) {
                    synchronized (this) {
                        theirs.add(d);
                    }
                    continue;
                }
                current = d;
                Engine.DesignResult r = runDesign(session, d, itsScenarios, progress);
                scenariosDone += itsScenarios.size();
                progress.accept(r.summary());
                synchronized (this) {
                    finished.add(r);
                }
                write();
            }
        } catch (Exception e) {
            halt(Results.EngineStatus.FAILED, "the run failed: " + e);
            throw e;
        } finally {
            watchdog.shutdownNow();
            write();
            done = true;
        }
        return report();
    }

    /** One design; an engine that fails on it (a hang it gave up on, an exception) fails that design only. */
    private Engine.DesignResult runDesign(Engine.Session session, DesignEntry d, List<Scenario> mine, Engine.Progress progress)
            throws IOException, InterruptedException {
        try {
            return session.run(d, mine, progress);
        } catch (RuntimeException | AssertionError e) {
            return new Engine.DesignResult(Grading.notRun(d), List.of(chosen.name() + " failed: " + firstLine(e)),
                    d.name() + ": NOT RUN, " + chosen.name() + " failed: " + firstLine(e));
        }
    }

    private static String firstLine(Throwable e) {
        return e.toString().lines().findFirst().orElse("");
    }

    private static List<Scenario> scenariosOf(DesignEntry d, List<Scenario> selected) {
        return selected.stream().filter(s -> s.appliesTo(d)).toList();
    }

    /** Ends the run early: marks why, and kills this JVM's children (jcstress's forks) so the current design's search returns. */
    private void halt(Results.EngineStatus status, String reason) {
        if (stop == null) {
            stop = new Stop(status, reason);
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private void onShutdown() {
        if (!done) { // SIGINT or SIGTERM before the run ended: leave valid JSON for what finished
            halt(Results.EngineStatus.INTERRUPTED, "interrupted");
            write();
            // Again: the engine may have started a process between halt() and here; none may outlive this JVM.
            ProcessTree.stopDescendants(Duration.ofSeconds(2));
        }
    }

    private Path resultsFile() {
        return out.resolve(chosen.name() + ".json");
    }

    /** Writes the results file for what has finished so far, atomically: a reader never sees half a file. */
    private synchronized void write() {
        List<Results.Design> designs = new ArrayList<>();
        finished.forEach(r -> designs.add(r.design()));
        notReached().forEach(d -> designs.add(Grading.notRun(d)));
        long duration = System.currentTimeMillis() - startMillis;
        Results results = new Results(Results.SCHEMA_VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), duration,
                budgetInfo, Results.Environment.ofThisJvm(), Map.of(chosen.name(), engineRun(duration)), designs,
                new Results.Run(runId, this.designs, scenarios, level.label()), DesignEntry.customRules(planned));
        try {
            Files.createDirectories(out);
            AtomicWrite.write(resultsFile(), tmp -> ResultsIO.write(results, tmp));
        } catch (IOException e) {
            System.err.println("error: cannot write " + resultsFile() + ": " + e);
        }
    }

    /** This run's designs not searched (yet): neither finished nor another process's. */
    private synchronized List<DesignEntry> notReached() {
        return planned.subList(finished.size() + theirs.size(), planned.size());
    }

    /** How many designs are this run's: all selected, less those another process claimed. */
    private synchronized int mine() {
        return planned.size() - theirs.size();
    }

    private Results.EngineRun engineRun(long duration) {
        Stop s = stop;
        String where = finished.size() + " of " + mine() + " designs done" + (claims == null ? "" : " (" + theirs.size()
                + " searched by another process of " + chosen.name() + ")");
        if (s != null) {
            DesignEntry at = current;
            String during = at != null && finished.stream().noneMatch(r -> r.design().name().equals(at.name())) ? " during " + at.name() : "";
            return new Results.EngineRun(s.status(), s.reason() + during + "; " + where, duration);
        }
        List<String> problems = finished.stream()
                .flatMap(r -> r.problems().stream().map(p -> r.design().name() + ": " + p)).toList();
        if (!problems.isEmpty()) {
            return new Results.EngineRun(Results.EngineStatus.FAILED, String.join("; ", problems), duration);
        }
        if (shareUsed) {
            return new Results.EngineRun(Results.EngineStatus.RAN, "its share of " + human(myShare.orElseThrow().length()) + " was used after "
                    + where + "; the others are left to the engines without a share", duration);
        }
        if (finished.size() < mine()) { // written while running: if the process dies now, that is what it was
            return new Results.EngineRun(Results.EngineStatus.INTERRUPTED, "run in progress or killed; " + where, duration);
        }
        return new Results.EngineRun(Results.EngineStatus.RAN, "all selected tests completed; " + where, duration);
    }

    private int report() {
        console.println();
        console.println(chosen.name() + " summary:");
        finished.forEach(r -> console.println("  " + r.summary()));
        long good = finished.stream().filter(r -> r.design().verdict() == Results.Grade.AS_EXPECTED).count();
        Results.EngineRun run = engineRun(System.currentTimeMillis() - startMillis);
        boolean passed = run.status() == Results.EngineStatus.RAN && good == finished.size() && (shareUsed || good == mine());
        console.printf("%s %s: %d of %d design(s) as expected, %s (%s), %.0f s; results in %s%n", chosen.name(),
                passed ? "PASSED" : "FAILED", good, shareUsed ? finished.size() : mine(), run.status(), run.reason(),
                run.durationMillis() / 1000.0, resultsFile().toAbsolutePath());
        return EngineExit.of(passed);
    }

    static Duration parseDuration(String text) {
        return parseDuration(text, "--timeout");
    }

    static Duration parseDuration(String text, String option) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration like 90s, 8m or 1h");
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
}
