package dev.dextrace.campaign;

import dev.dextrace.reports.Bugs;
import dev.dextrace.reports.ReportRenderer;
import dev.dextrace.reports.ScaleView;
import dev.dextrace.reports.ReportView;
import dev.dextrace.engine.Budget;
import dev.dextrace.engine.DesignClaims;
import dev.dextrace.engine.Engine;
import dev.dextrace.engine.EngineMain;
import dev.dextrace.engine.Folders;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.Shard;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The campaign: runs the engines (jcstress, then Lincheck, then the controlled search) as child JVMs, joins what they wrote in this
 * run, writes {@code results.json}, {@code index.html} and {@code junit.xml} into the report folder, and
 * prints the path and one line per design. An engine that fails, overruns or is interrupted is reported as
 * such; the report is written in every case, also when the campaign itself is interrupted (a shutdown hook
 * that first ends every process the campaign started). Exit codes: {@link Exit}.
 */
@Command(name = "dextrace-campaign", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the dextrace engines and writes the race report.")
public final class CampaignMain implements Callable<Integer> {

    /** The campaign's exit codes (README "Exit codes"); SIGINT/SIGTERM end it with the JVM's 130/143. */
    enum Exit {
        /** Every engine ran; every design came out as declared. */
        PASSED(0),
        /** Every engine ran; some design came out not as declared (missed, false alarm, or no scenario applied). */
        NOT_AS_EXPECTED(1),
        /** Bad options: nothing ran and nothing was cleared. */
        USAGE(2),
        /** Some engine failed, timed out, was interrupted or did not run: the report is incomplete. */
        ENGINE_DID_NOT_RUN(3),
        /** The report could not be written. */
        NO_REPORT(4);

        final int code;

        Exit(int code) {
            this.code = code;
        }
    }

    /** What the report folder holds from a run: removed before a new run, so nothing of an old one passes for it. */
    private static final List<String> REPORT_FILES = List.of("results.json", "index.html", "junit.xml", "detection.json", "replays");

    @Option(names = "--designs", defaultValue = "all",
            description = "all, or catalogue names and design class names, comma-separated (default: ${DEFAULT-VALUE}).")
    private String designs;

    @Option(names = "--scenarios", defaultValue = "all", description = "all, or scenario names, comma-separated (default: ${DEFAULT-VALUE}).")
    private String scenarios;

    @Option(names = "--budget", defaultValue = "full", description = "smoke, full or tough (default: ${DEFAULT-VALUE}).")
    private String budget;

    @Option(names = "--engines", defaultValue = "jcstress,lincheck,controlled", split = ",",
            description = "Which engines to run, in this order (default: ${DEFAULT-VALUE}).")
    private List<String> engines;

    @Option(names = "--work", defaultValue = "target/campaign", paramLabel = "<dir>",
            description = "Where the engines write; a previous run's folder is moved to <dir>.previous (default: ${DEFAULT-VALUE}).")
    private Path work;

    @Option(names = "--out", defaultValue = "target/race-report", paramLabel = "<dir>",
            description = "The report folder: index.html, results.json, junit.xml, replays/ (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--junit-copy", paramLabel = "<file>",
            description = "Also write the JUnit XML here, e.g. target/surefire-reports/TEST-dextrace-campaign.xml.")
    private Path junitCopy;

    @Option(names = "--failure-file", paramLabel = "<file>",
            description = "When the campaign does not pass, write its exit code and meaning here (a build tool fails on it).")
    private Path failureFile;

    @Option(names = "--scale", paramLabel = "<scale.json>",
            description = "The scale study to show in the report (default: benchmarks/scale.json when it exists).")
    private Path scale;

    @Option(names = "--runs", defaultValue = "1",
            description = "Run the campaign this many times, 1 to 1000, and add the detection benchmark (detection rate, "
                    + "time to first detection, false alarms over the runs) to the report (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--shard", defaultValue = "1/1", paramLabel = "i/n",
            description = "Run only shard i of n: each engine on its share of the designs (README \"Shards\"; default: ${DEFAULT-VALUE}).")
    private String shardOption;

    @Option(names = "--shards", paramLabel = "<dir>",
            description = "Do not run the engines; join the shards' results.json found below <dir> into one report (blank: run).")
    private String shardsOption;
    private Path shardsDir;

    @Option(names = "--cores", defaultValue = "0", paramLabel = "<n>",
            description = "Cores the engines may keep busy at once, 1 to 1024; engines run side by side while theirs fit "
                    + "(0: the machine's, default).")
    private int cores;

    @Option(names = "--merge-only", description = "Do not run the engines; join the results they left in --work, of any run.")
    private boolean mergeOnly;

    private final long started = System.currentTimeMillis();
    private final Map<String, EngineProcess.Outcome> outcomes = new ConcurrentHashMap<>();
    private final EngineProcess.Guard guard = new EngineProcess.Guard();
    private List<DesignEntry> selected = List.of();
    private List<Engine> chosen = List.of();
    private Shard shard = Shard.WHOLE;
    /** Each engine's designs in this shard; empty for a whole campaign. */
    private Map<String, List<DesignEntry>> shardDesigns = Map.of();
    /** The shards' results, each engine's as one input: set when joining (--shards). */
    private List<CampaignMerge.EngineInput> joined;
    private Budget level;
    private Results.Run run;
    private boolean reported;
    private int reportedCode;
    /** Set once the campaign's own exit code is known (and --failure-file written for it). */
    private volatile boolean exitDecided;
    /** Set first thing when SIGINT/SIGTERM arrives: whatever the main thread then decides, the campaign was interrupted. */
    private volatile boolean signalled;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CampaignMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        if (failureFile != null) {
            try {
                Files.deleteIfExists(failureFile);
            } catch (IOException e) {
                System.err.println("error: --failure-file: cannot remove " + failureFile + ": " + e);
                return Exit.NO_REPORT.code;
            }
        }
        return finished(campaign());
    }

    /** The exit code, also written to --failure-file when it is not 0. */
    private int finished(int code) {
        if (signalled) { // the engines ended because of the signal: what they left is not this run's outcome
            writeFailure(INTERRUPTED_LINE);
        } else if (code != Exit.PASSED.code) {
            writeFailure(code + " " + Stream.of(Exit.values()).filter(e -> e.code == code).map(Enum::name).findFirst().orElse(""));
        }
        exitDecided = true;
        return code;
    }

    private void writeFailure(String line) {
        if (failureFile != null) {
            try {
                Files.createDirectories(failureFile.toAbsolutePath().getParent());
                Files.writeString(failureFile, line + System.lineSeparator());
            } catch (IOException e) {
                System.err.println("error: --failure-file: cannot write " + failureFile + ": " + e);
            }
        }
    }

    private int campaign() {
        shardsDir = shardsOption == null || shardsOption.isBlank() ? null : Path.of(shardsOption.trim());
        if (shardsDir != null) {
            return join();
        }
        Optional<String> bad = validate();
        if (bad.isPresent()) {
            System.err.println("error: " + bad.get());
            return Exit.USAGE.code;
        }
        run = new Results.Run(mergeOnly ? null : Results.Run.newId(), designs, scenarios, budget);
        try {
            clearPreviousRun();
        } catch (IOException e) {
            System.err.println("error: cannot clear the previous run's files: " + e);
            return Exit.NO_REPORT.code;
        }
        if (runs > 1) {
            List<String> oneRun = new ArrayList<>(List.of("--designs", designs, "--scenarios", scenarios, "--budget", budget,
                    "--engines", String.join(",", engines)));
            if (scale != null) {
                oneRun.addAll(List.of("--scale", scale.toString()));
            }
            int code = new DetectionBenchmark(runs, oneRun, shownBudget(), work, out, scale, selected).run();
            if (junitCopy != null && Files.exists(out.resolve("junit.xml"))) {
                try {
                    Files.createDirectories(junitCopy.toAbsolutePath().getParent());
                    Files.copy(out.resolve("junit.xml"), junitCopy, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    System.err.println("error: --junit-copy: cannot write " + junitCopy + ": " + e);
                }
            }
            return code;
        }
        Thread onInterrupt = new Thread(this::onInterrupt, "dextrace-campaign-report");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        if (!mergeOnly) {
            System.out.println("campaign run " + run.id());
            try {
                // Once an engine was interrupted (Ctrl-C reaches the whole process group), nothing more starts.
                outcomes.putAll(new SideBySide(cores).run(chosen, this::start, this::designsLeft));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran): it writes the same report, once
        }
        return report(false);
    }

    /** --shards: the shards' results, checked to be of one campaign, joined and graded once into one report. */
    private int join() {
        Shards.Joined j;
        try {
            j = Shards.read(shardsDir);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            return Exit.USAGE.code;
        }
        designs = j.config().get("designs").toString();
        scenarios = j.config().get("scenarios").toString();
        budget = j.config().get("budget").toString();
        engines = List.of(j.config().get("engines").toString().split(","));
        mergeOnly = true; // nothing runs, and --work is left alone
        Optional<String> bad = validate();
        if (bad.isPresent()) {
            System.err.println("error: the shards' campaign: " + bad.get());
            return Exit.USAGE.code;
        }
        List<Shards.Unit> units = Shards.units(chosen, selected, Scenarios.select(scenarios).toJavaList());
        Map<Integer, Map<String, List<DesignEntry>>> plan = new LinkedHashMap<>();
        for (int i = 1; i <= j.count(); i++) {
            plan.put(i, Shards.designsOf(new Shard(i, j.count()), chosen, units));
        }
        run = new Results.Run(null, designs, scenarios, budget);
        try {
            clearPreviousRun();
            joined = Shards.inputs(j, chosen.stream().map(Engine::name).toList(), plan, out);
        } catch (IOException e) {
            System.err.println("error: cannot join the shards into " + out + ": " + e);
            return Exit.NO_REPORT.code;
        }
        System.out.println("joined " + j.byIndex().size() + " of " + j.count() + " shards"
                + (j.missing().isEmpty() ? "" : "; missing: " + String.join(", ", j.missing().stream().map(i -> i + "/" + j.count()).toList())));
        return report(false);
    }

    /** Every filter and the budget, checked before anything starts; the first problem as one line, naming the option. */
    Optional<String> validate() {
        List<Scenario> chosenScenarios;
        try {
            selected = Catalogue.select(designs).toJavaList();
        } catch (IllegalArgumentException e) {
            return Optional.of("--designs: " + e.getMessage());
        }
        try {
            chosenScenarios = Scenarios.select(scenarios).toJavaList();
        } catch (IllegalArgumentException e) {
            return Optional.of("--scenarios: " + e.getMessage());
        }
        try {
            level = Budget.named(budget);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (cores < 0 || cores > 1024) {
            return Optional.of("--cores " + cores + " is out of range; allowed: 1 to 1024, or 0 for the machine's");
        }
        if (cores == 0) {
            cores = Runtime.getRuntime().availableProcessors();
        }
        Map<String, Engine> known = Engine.all();
        List<Engine> named = new ArrayList<>();
        for (String name : engines) {
            Engine e = known.get(name.trim());
            if (e == null) {
                return Optional.of("--engines: '" + name + "' is not an engine; engines: " + String.join(", ", known.keySet()));
            }
            named.add(e);
        }
        chosen = List.copyOf(named);
        try {
            shard = Shard.parse(shardOption);
        } catch (IllegalArgumentException e) {
            return Optional.of("--" + e.getMessage());
        }
        if (selected.stream().noneMatch(d -> chosenScenarios.stream().anyMatch(s -> s.appliesTo(d)))) {
            return Optional.of("--scenarios: no selected scenario applies to a selected design (bundled designs run bundled "
                    + "scenarios, legacy designs legacy-path): nothing to run");
        }
        if (shard.count() > 1) {
            shardDesigns = Shards.designsOf(shard, chosen, Shards.units(chosen, selected, chosenScenarios));
            selected = selected.stream().filter(d -> shardDesigns.values().stream().anyMatch(ds -> ds.contains(d))).toList();
        }
        if (scale != null && !Files.isRegularFile(scale)) {
            return Optional.of("--scale: no file " + scale);
        }
        if (runs < 1 || runs > 1000 || (runs > 1 && mergeOnly)) {
            return Optional.of("--runs must be between 1 and 1000, and 1 with --merge-only, was " + runs);
        }
        return Optional.empty();
    }

    /**
     * Moves the engines' folder of the previous run to {@code <work>.previous} (replacing an older one) and removes
     * the report folder's results, so nothing an old run left can pass for this run's. Merge-only keeps --work.
     */
    private void clearPreviousRun() throws IOException {
        for (String name : REPORT_FILES) {
            Folders.deleteRecursively(out.resolve(name));
        }
        if (junitCopy != null) {
            Files.deleteIfExists(junitCopy);
        }
        if (!mergeOnly && Files.isDirectory(work)) {
            Path previous = work.toAbsolutePath().normalize().resolveSibling(work.toAbsolutePath().normalize().getFileName() + ".previous");
            Folders.deleteRecursively(previous);
            Files.move(work, previous, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private EngineProcess.Outcome start(SideBySide.Part part) {
        Engine engine = part.engine();
        String name = engine.name() + (part.number() == 1 ? "" : " (process " + part.number() + ")");
        System.out.println("== " + name + " ==");
        List<DesignEntry> mine = designsOf(engine);
        if (mine.isEmpty()) { // every design of this engine is in another shard
            System.out.println("== " + engine.name() + ": no design of it is in shard " + shard);
            return EngineProcess.Outcome.noWorkIn(shard);
        }
        List<String> args = new ArrayList<>(List.of("--engine", engine.name(), "--designs",
                String.join(",", mine.stream().map(d -> d.type().getName()).toList()), "--scenarios", scenarios,
                "--budget", level.label(), "--out", folder(engine, part.number()).toString(), "--run-id", run.id()));
        claims(engine).ifPresent(c -> args.addAll(List.of("--claims", c.folder().toString())));
        EngineProcess.Outcome o = new EngineProcess(engine.name(), EngineMain.class.getName(), engine.jvmOptions(), args,
                resultsFile(engine, part.number()), level.processLimit()).run(guard);
        System.out.println("== " + name + ": " + o.status() + (o.reason() == null ? "" : " (" + o.reason() + ")"));
        return o;
    }

    /**
     * The engine's designs in this shard. An engine that may run as several processes gets them most costly first
     * ({@link Shards.Unit#cost}), so the last design any process takes is a cheap one and they end together.
     */
    private List<DesignEntry> designsOf(Engine engine) {
        return designsByEngine.computeIfAbsent(engine.name(), e -> costliestFirst(engine));
    }

    /** Each engine's designs, computed once: the campaign asks again whenever a core comes free. */
    private final Map<String, List<DesignEntry>> designsByEngine = new ConcurrentHashMap<>();

    private List<DesignEntry> costliestFirst(Engine engine) {
        List<DesignEntry> mine = shard.count() == 1 ? selected : shardDesigns.get(engine.name());
        if (claims(engine).isEmpty()) {
            return mine;
        }
        List<Scenario> chosenScenarios = Scenarios.select(scenarios).toJavaList();
        return Shards.units(List.of(engine), mine, chosenScenarios).stream()
                .sorted(java.util.Comparator.comparingLong(Shards.Unit::cost).reversed()).map(Shards.Unit::design).toList();
    }

    /**
     * Where an engine's processes claim designs, for an engine that may run as several: one without a share of the
     * campaign's time (a share is one process's time); empty for the others.
     */
    private Optional<DesignClaims> claims(Engine engine) {
        return level.share(engine.name()).isPresent() ? Optional.empty()
                : Optional.of(new DesignClaims(work.resolve(engine.name()).resolve("claims").toAbsolutePath()));
    }

    /** True while an engine that may run as several processes has a design no process of it claimed yet. */
    private boolean designsLeft(Engine engine) {
        return claims(engine).map(c -> c.anyLeft(designsOf(engine))).orElse(false);
    }

    /** Each engine writes into a folder of its own under --work; its process n > 1 into {@code part-<n>} inside it. */
    private Path folder(Engine engine, int part) {
        Path first = work.resolve(engine.name()).toAbsolutePath();
        return part == 1 ? first : first.resolve(PART + part);
    }

    private static final String PART = "part-";

    private Path resultsFile(Engine engine, int part) {
        return folder(engine, part).resolve(engine.name() + ".json");
    }

    /** The results files the engine's processes left: its folder's, then each {@code part-<n>}'s. */
    private List<Path> resultsFiles(Engine engine) {
        List<Path> files = new ArrayList<>(List.of(resultsFile(engine, 1)));
        try (Stream<Path> parts = Files.list(folder(engine, 1))) {
            parts.filter(p -> p.getFileName().toString().startsWith(PART)).map(p -> p.resolve(engine.name() + ".json"))
                    .sorted().forEach(files::add);
        } catch (IOException noFolder) {
            // the engine did not run: its one file reads as missing
        }
        return files;
    }

    /** SIGINT/SIGTERM: no engine starts any more, the running one's process tree ends, and the report says so. */
    private void onInterrupt() {
        signalled = true;
        guard.stopAll(EngineProcess.GRACE);
        report(true);
        if (!exitDecided) { // the campaign had not ended on its own: a build tool must not take it for a pass
            writeFailure(INTERRUPTED_LINE);
        }
    }

    private static final String INTERRUPTED_LINE = "130/143 INTERRUPTED";

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
        if (joined != null) {
            shown.put("shards", "joined");
        }
        if (shard.count() > 1) {
            shown.put(Shards.SHARD, shard.toString());
            shown.put(Shards.CODE, Shards.codeHash(Catalogue.select(designs).toJavaList()));
        }
        return shown;
    }

    /** The engine's input as this campaign saw it: its results of this run, with the status its process ended in. */
    private CampaignMerge.EngineInput input(Engine engine, boolean interrupted) {
        CampaignMerge.EngineInput in = CampaignMerge.ofParts(resultsFiles(engine).stream()
                .map(f -> CampaignMerge.read(engine.name(), f, run.id())).toList());
        EngineProcess.Outcome o = outcomes.get(engine.name());
        if (o == null && interrupted) {
            o = guard.started(engine.name())
                    ? new EngineProcess.Outcome(Results.EngineStatus.INTERRUPTED, "stopped: the campaign was interrupted while it ran")
                    : EngineProcess.NOT_STARTED;
        }
        if (o == null) {
            return in; // merge-only: what the file says
        }
        if (o.status() != Results.EngineStatus.RAN) {
            return in.as(o.status(), o.reason());
        }
        if (!o.hadWork()) {
            return new CampaignMerge.EngineInput(engine.name(), null, Results.EngineStatus.RAN, o.reason());
        }
        if (in.results() == null) { // exited as if it ran, but left no results of this run
            return in.as(Results.EngineStatus.FAILED, in.reason());
        }
        return in;
    }

    /** Joins, writes and prints the report once; on interruption the engines not finished are marked so. */
    private synchronized int report(boolean interrupted) {
        if (reported) {
            return reportedCode; // the same outcome for the main thread and the interruption hook, whichever came second
        }
        reported = true;
        reportedCode = Exit.NO_REPORT.code;
        List<CampaignMerge.EngineInput> inputs = joined != null ? joined : chosen.stream().map(e -> input(e, interrupted)).toList();
        long took = System.currentTimeMillis() - started;
        Results merged = Bugs.group(CampaignMerge.merge(selected, inputs, shownBudget(), took, run), out); // one finding per bug
        Path page;
        try {
            if (joined != null) {
                Shards.dropCopies(out);
            }
            Files.createDirectories(out);
            Path json = out.resolve("results.json");
            ResultsIO.writeCompact(merged, json);
            page = ReportRenderer.write(merged, json, out, null, ScaleView.loadOrWarn(scale));
            List<JUnitReport.Case> cases = JUnitReport.cases(selected, merged);
            JUnitReport.write(cases, out.resolve("junit.xml"), took, merged.generatedAt());
            if (junitCopy != null) {
                JUnitReport.write(cases, junitCopy, took, merged.generatedAt());
            }
        } catch (IOException e) {
            System.err.println("error: cannot write the report to " + out + ": " + e);
            return Exit.NO_REPORT.code;
        }
        inputs.forEach(in -> System.out.println("engine " + in.engine() + ": " + in.status()
                + (in.reason() == null ? "" : " (" + in.reason() + ")")));
        merged.designs().forEach(d -> System.out.println(ReportView.summaryLine(d)));
        System.out.println("race report: " + page.toAbsolutePath().normalize());
        reportedCode = (inputs.stream().anyMatch(in -> in.status() != Results.EngineStatus.RAN) ? Exit.ENGINE_DID_NOT_RUN
                : merged.designs().stream().allMatch(d -> d.verdict() == Results.Grade.AS_EXPECTED) ? Exit.PASSED
                : Exit.NOT_AS_EXPECTED).code;
        return reportedCode;
    }
}
