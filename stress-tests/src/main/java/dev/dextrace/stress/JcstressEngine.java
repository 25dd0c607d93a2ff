package dev.dextrace.stress;

import dev.dextrace.engine.Budget;
import dev.dextrace.engine.Engine;
import dev.dextrace.engine.Folders;
import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.ivars.Ivars;
import dev.dextrace.model.scenario.QueueLanes;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.stress.fork.ForkConfig;
import dev.dextrace.stress.fork.SampleFile;
import dev.dextrace.stress.fork.ScenarioOutcome;
import dev.dextrace.stress.scenarios.ScenarioTest;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.collectors.TestResultCollector;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * jcstress as an engine: each design's scenarios as jcstress tests in forked JVMs, in rounds while a wrong design
 * has not shown every rule it declares. Writes jcstress's HTML report per design under {@code <out>/jcstress-html},
 * the violating samples the forks keep under {@code <out>/samples}, and jcstress's own chatter to {@code <out>/jcstress.log}.
 */
public final class JcstressEngine implements Engine {
    private static final String SAMPLES_PER_OUTCOME = "samplesPerOutcome";
    private static final String ARGS = "args";
    private static final String SCENARIOS_PER_FORK = "scenariosPerFork";
    /** The one jcstress test: a fork's options say which scenario it samples. */
    static final String TEST = ScenarioTest.class.getName();

    /** Two actors, each on a core of its own: sharing a core with another engine would make its samples overlap less. */
    @Override
    public int cores() {
        return 2;
    }

    @Override
    public String name() {
        return DesignRun.ENGINE;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(SAMPLES_PER_OUTCOME, "violating samples kept per design, scenario and outcome, 0 or more (default 3)",
                ARGS, "extra jcstress options after the budget's, which they override, e.g. \"-time 2000 -iters 3\" (-time: per scenario)",
                SCENARIOS_PER_FORK, "scenarios one fork samples in turn, 1 or more, or all (default: all of a design's)");
    }

    @Override
    public Engine.Session open(Budget level, Path out, Map<String, String> settings) throws IOException {
        String kept = settings.getOrDefault(SAMPLES_PER_OUTCOME, "3").trim();
        if (!kept.matches("\\d{1,6}")) {
            throw new IllegalArgumentException("--set " + SAMPLES_PER_OUTCOME + "='" + kept + "' is not allowed; values: a whole number, 0 or more");
        }
        String perFork = settings.getOrDefault(SCENARIOS_PER_FORK, "all").trim();
        if (!perFork.matches("all|0*[1-9]\\d{0,5}")) {
            throw new IllegalArgumentException("--set " + SCENARIOS_PER_FORK + "='" + perFork + "' is not allowed; values: all, or a whole number, 1 or more");
        }
        List<String> args = JcstressOptions.of(level.jcstress(),
                Stream.of(settings.getOrDefault(ARGS, "").trim().split("\\s+")).filter(a -> !a.isEmpty()).toList());
        // A previous run's samples and reports would pass for this one's.
        for (String dir : List.of("samples", "jcstress-html", "jcstress-results")) {
            Folders.deleteRecursively(out.resolve(dir));
        }
        Files.createDirectories(out);
        int scenariosPerFork = perFork.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(perFork);
        return new Session(level.jcstress().rounds(), args, Integer.parseInt(kept), scenariosPerFork, out);
    }

    private static final class Session implements Engine.Session {
        private final int rounds;
        private final List<String> args;
        private final int samplesPerOutcome;
        private final int scenariosPerFork;
        private final Path out;
        private final PrintStream console = System.out;
        private final PrintStream log;
        private Jcstress jcstress;

        Session(int rounds, List<String> args, int samplesPerOutcome, int scenariosPerFork, Path out) throws IOException {
            this.rounds = rounds;
            this.scenariosPerFork = scenariosPerFork;
            this.args = args;
            this.samplesPerOutcome = samplesPerOutcome;
            this.out = out;
            // jcstress's probes and report printers talk on System.out: keep them in a log, the console for progress.
            this.log = new PrintStream(Files.newOutputStream(out.resolve("jcstress.log")), true);
        }

        @Override
        public Map<String, Object> budgetInfo() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("jcstressArgs", String.join(" ", args));
            b.put("maxRounds", rounds);
            b.put("samplesPerOutcome", samplesPerOutcome);
            b.put("scenariosPerFork", scenariosPerFork == Integer.MAX_VALUE ? "all" : scenariosPerFork);
            return b;
        }

        @Override
        public Engine.DesignResult run(DesignEntry d, List<Scenario> mine, Engine.Progress progress) throws IOException {
            System.setOut(log);
            try {
                if (jcstress == null) {
                    jcstress = new Jcstress(args);
                }
                return design(d, mine, progress);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) { // jcstress's own API throws Exception
                throw new IllegalStateException("jcstress failed: " + e, e);
            } finally {
                System.setOut(console);
            }
        }

        private Engine.DesignResult design(DesignEntry d, List<Scenario> mine, Engine.Progress progress) throws Exception {
            Path samplesDir = out.resolve("samples").resolve(d.name()).toAbsolutePath();
            List<String> forkArgs = new ArrayList<>(Ivars.childJvmOptions()); // the agent at start: no attach per fork
            forkArgs.addAll(List.of("-D" + ForkConfig.DESIGN + "=" + d.type().getName(),
                    "-D" + ForkConfig.SAMPLES_DIR + "=" + samplesDir,
                    "-D" + ForkConfig.SAMPLES_PER_OUTCOME + "=" + samplesPerOutcome));
            // A fork samples several scenarios, each in every lane mapping the design needs, in turn (ForkPlan); a scenario
            // is named as it was selected (the first mapping's name, or a mapping's when one was selected alone).
            List<Scenario> searched = QueueLanes.inEveryMapping(d, mine);
            Map<String, List<Scenario>> byBase = new LinkedHashMap<>();
            searched.forEach(s -> byBase.computeIfAbsent(LaneMapping.parse(s.name()).base(), b -> new ArrayList<>()).add(s));
            Map<String, List<Scenario>> mappingsOf = new LinkedHashMap<>();
            byBase.values().forEach(mappings -> mappingsOf.put(mappings.get(0).name(), mappings));
            Map<String, String> selectedAs = DesignRun.selectedAs(mappingsOf);

            // Another round while a wrong design has not shown every rule it is expected to break; none once stopping.
            ForkPlan plan = new ForkPlan(forkArgs, mappingsOf, scenariosPerFork, JcstressOptions.timeMillis(args), rounds,
                    soFar -> !DesignRun.rulesSoFar(soFar, kept(samplesDir)).containsAll(d.violates().toJavaSet()),
                    () -> kept(samplesDir).stream().filter(SampleFile::forkHalted)
                            .map(x -> selectedAs.getOrDefault(x.scenario(), x.scenario())).collect(Collectors.toSet()));
            long start = System.currentTimeMillis();
            TestResultCollector shown = r -> {
                Jcstress.Job job = Jcstress.Job.of(plan.asked(), r);
                progress.accept(String.format("%-8s %-28s %-28s %5.1fs %s", r.getConfig().forkId == 0 ? "" : "[fork " + (r.getConfig().forkId + 1) + "]",
                        d.name(), job == null ? r.getName() : job.covers().size() == 1 ? job.label() : job.covers().size() + " scenarios",
                        (System.currentTimeMillis() - start) / 1000.0, describe(r, job, selectedAs)));
            };
            List<Jcstress.Forked> forks = jcstress.run(
                    out.resolve("jcstress-results").resolve("jcstress-results-" + d.name() + ".bin.gz"),
                    out.resolve("jcstress-html").resolve(d.name()), shown,
                    (round, soFar) -> round > 0 && progress.stopping() ? List.of() : plan.next(round, soFar));
            long duration = System.currentTimeMillis() - start;
            DesignRun run = new DesignRun(d, mappingsOf, forks, jcstress.whyNotRun(TEST),
                    SampleFile.readAll(samplesDir), start, duration, progress.stopping() ? "the run was stopped" : null,
                    QueueLanes.of(d, searched));
            return new Engine.DesignResult(run.toResults(), run.problems, run.summary());
        }

        @Override
        public void close() {
            log.close();
        }
    }

    /**
     * "2,144 samples: EXPECTED Q-3 2,101; EXPECTED CMP-1,Q-3 43;" and, for a fork of several scenarios, one line per
     * scenario ("  completion-races-submission  215 samples: EXPECTED Q-3 210; ..."); or the status of a failed fork.
     */
    private static String describe(TestResult r, Jcstress.Job job, Map<String, String> selectedAs) {
        if (r.status() != Status.NORMAL) {
            return r.status() + " " + r.getMessages().stream().findFirst().orElse("");
        }
        Map<String, Map<String, Long>> byScenario = new TreeMap<>();
        r.getStateKeys().forEach(key -> {
            ScenarioOutcome o = ScenarioOutcome.parse(key);
            byScenario.computeIfAbsent(selectedAs.getOrDefault(o.scenario(), o.scenario()), x -> new TreeMap<>())
                    .merge(o.outcome(), r.getCount(key), Long::sum);
        });
        StringBuilder sb = new StringBuilder(String.format("%,9d samples", r.getTotalCount()));
        if (job != null && job.covers().size() == 1) {
            byScenario.values().forEach(outcomes -> sb.append(':').append(counts(outcomes)));
        } else {
            byScenario.forEach((scenario, outcomes) -> sb.append(String.format("%n             %-28s %,9d samples:%s", scenario,
                    outcomes.values().stream().mapToLong(Long::longValue).sum(), counts(outcomes))));
        }
        return sb.toString();
    }

    private static String counts(Map<String, Long> outcomes) {
        StringBuilder sb = new StringBuilder();
        outcomes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sb.append(String.format(" %s %,d;", e.getKey(), e.getValue())));
        return sb.toString();
    }

    private static List<SampleFile> kept(Path samplesDir) {
        try {
            return SampleFile.readAll(samplesDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the samples kept in " + samplesDir, e);
        }
    }
}
