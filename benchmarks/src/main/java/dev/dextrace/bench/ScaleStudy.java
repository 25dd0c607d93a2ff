package dev.dextrace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.replay.Exploration;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How the cost of a campaign grows with the slots a dext reports (8 to 256), the bundle size (1 to
 * 32) and the number of queues completions are spread over (1 to 4), with the recommended design.
 * For each point: the events of one sample, the lane switches it needs, the time of one sample with
 * both lanes on one thread (the model's work alone) and on two threads (as a jcstress sample), and
 * the time of one controlled run of the systematic search ({@link Exploration#explore}) with the
 * number of runs a full one-preemption search of that point takes. Prints a table and writes the
 * series as JSON for the race report.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dextrace.bench.ScaleStudy [--quick] [--passes N] [--series slots,bundle,queues] [--out FILE]
 * </pre>
 * Not a test: it times things, so {@code mvn verify} never runs it (the smoke test runs one tiny point).
 */
public final class ScaleStudy {
    /** Quartiles and mean of one measurement, microseconds per sample (or per run). */
    public record Stats(int n, double p25, double p50, double p75, double mean) {
        static Stats of(long[] nanos, int n) {
            long[] t = Arrays.copyOf(nanos, n);
            Arrays.sort(t);
            double mean = Arrays.stream(t).average().orElse(0) / 1e3;
            return new Stats(n, t[n / 4] / 1e3, t[n / 2] / 1e3, t[(3 * n) / 4] / 1e3, mean);
        }
    }

    /** One point of a series: what was run and what it cost. */
    public record Point(String series, String parameter, int x, String design, String scenario, int slots,
                        int maxBundle, int commands, int completionQueues, String outcome,
                        long events, long eventsAfterStart, int laneSwitchesOneThread, int laneSwitchesTwoThreads,
                        Stats oneThreadMicros, double oneThreadNanosPerEvent,
                        Stats twoThreadsMicros, double twoThreadsSamplesPerSecond,
                        double controlledMillisPerRun, int controlledRunsTimed, int decisions,
                        double fullSearchSeconds) {
    }

    /** What one point runs. */
    public record Case(String series, String parameter, int x, Scenario scenario, DesignEntry design,
                       int slots, int maxBundle, int commands, int completionQueues) {
    }

    /** How long to measure each point. */
    public record Budget(Duration warmup, Duration measure, int maxSamples, int controlledRuns) {
        public static final Budget FULL = new Budget(Duration.ofMillis(500), Duration.ofMillis(1500), 200_000, 20);
        public static final Budget QUICK = new Budget(Duration.ZERO, Duration.ofMillis(20), 50, 2);
    }

    static final int[] SLOTS = {8, 16, 32, 64, 128, 256};
    static final int[] BUNDLES = {1, 2, 4, 8, 16, 32};
    static final int[] QUEUES = {1, 2, 3, 4};

    private ScaleStudy() {
    }

    public static List<Case> cases(List<String> series) {
        List<Case> out = new ArrayList<>();
        if (series.contains("slots")) {
            for (int n : SLOTS) {
                out.add(new Case("slots, 3 commands", "slots", n, Scenarios.COMPLETION_RACES_SUBMISSION, Designs.slots(n),
                        n, 32, 3, 0));
            }
            for (int n : SLOTS) {
                out.add(new Case("slots, N+2 commands in bundles of 2", "slots", n, Scenarios.COMPLETION_RACES_REISSUE,
                        Designs.slots(n), n, 2, n + 2, 0));
            }
        }
        if (series.contains("bundle")) {
            for (int b : BUNDLES) {
                out.add(new Case("bundle size b, b commands", "maxBundle", b, workload("bundle-" + b + "-of-" + b, b, b),
                        Designs.slots(32), 32, b, b, 0));
            }
            for (int b : BUNDLES) {
                out.add(new Case("bundle size b, 32 commands", "maxBundle", b, workload("bundle-" + b + "-of-32", b, 32),
                        Designs.slots(32), 32, b, 32, 0));
            }
        }
        if (series.contains("queues")) {
            int n = Designs.QUEUE_SLOTS;
            out.add(new Case("completion queues, 16 commands", "queues", 0, workload("queues-0", 32, n),
                    Designs.slots(n), n, 32, n, 0));
            for (int q : QUEUES) {
                out.add(new Case("completion queues, 16 commands", "queues", q, workload("queues-" + q, 32, n),
                        Designs.queues(q), n, 32, n, q));
            }
        }
        return out;
    }

    /** A scenario of {@code commands} TEST UNIT READY commands gathered into bundles of at most {@code maxBundle}. */
    static Scenario workload(String name, int maxBundle, int commands) {
        return new Scenario(name, commands + " commands, bundles of at most " + maxBundle, DriverDesign.Path.BUNDLED,
                FrameworkConfig.defaults().withMaxBundle(maxBundle),
                w -> w.framework().submit(Collections.nCopies(commands, Command.testUnitReady(0))));
    }

    /** Measures one point. */
    public static Point measure(Case c, Budget budget, Partner partner) {
        // the shape of one sample: events, lane switches, outcome (trace on, one thread)
        World probe = Samples.load(c.scenario(), c.design(), true);
        long boot = probe.monitor().eventCount();
        Verdict v = Drive.onThisThread(probe);
        long events = probe.monitor().eventCount();
        int switches = laneSwitches(v);
        int[] twoSwitches = new int[budget == Budget.QUICK ? 1 : 21];
        for (int i = 0; i < twoSwitches.length; i++) {
            twoSwitches[i] = laneSwitches(Samples.twoThreadsVerdict(c.scenario(), c.design(), true, partner));
        }
        Arrays.sort(twoSwitches);

        Stats one = time(budget, () -> Samples.oneThread(c.scenario(), c.design(), true));
        Stats two = time(budget, () -> Samples.twoThreads(c.scenario(), c.design(), true, partner));

        // the systematic search: decisions of the run-to-completion run = runs of a full bound-1 search, minus one
        World rtc = c.scenario().loadWithoutPreemption(c.design());
        rtc.run(Duration.ofSeconds(60));
        int decisions = rtc.decisions().size();
        long t0 = System.nanoTime();
        Exploration.Result r = Exploration.explore(c.scenario(), c.design(), 0, budget.controlledRuns(), rules -> false);
        double perRun = r.runs() == 0 ? 0 : (System.nanoTime() - t0) / 1e6 / r.runs();
        double full = perRun * (decisions + 1) / 1e3;

        return new Point(c.series(), c.parameter(), c.x(), c.design().name(), c.scenario().name(), c.slots(),
                c.maxBundle(), c.commands(), c.completionQueues(), v.outcome(), events, events - boot, switches, twoSwitches[twoSwitches.length / 2],
                one, one.p50() * 1e3 / events, two, two.p50() > 0 ? 1e6 / two.p50() : 0,
                perRun, r.runs(), decisions, full);
    }

    /** Times samples: warm up, then measure for the budget's time (at least 5 samples, at most its maximum). */
    static Stats time(Budget budget, Supplier<String> sample) {
        long warmEnd = System.nanoTime() + budget.warmup().toNanos();
        while (System.nanoTime() < warmEnd) {
            sample.get();
        }
        long[] t = new long[budget.maxSamples()];
        int n = 0;
        long end = System.nanoTime() + budget.measure().toNanos();
        while (n < t.length && (n < 5 || System.nanoTime() < end)) {
            long t0 = System.nanoTime();
            sample.get();
            t[n++] = System.nanoTime() - t0;
        }
        return Stats.of(t, n);
    }

    /**
     * How often consecutive events come from different lanes: with the lanes on one thread, the
     * rounds the sample needs at least; on two threads, how often the work really went back and forth.
     */
    static int laneSwitches(Verdict v) {
        int switches = 0;
        String last = null;
        for (ProtocolEvent e : v.events()) {
            String lane = e.lane();
            if (!lane.equals(World.SUBMITTER) && !lane.equals(World.COMPLETER)) {
                continue;
            }
            if (last != null && !lane.equals(last)) {
                switches++;
            }
            last = lane;
        }
        return switches;
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        int passes = 3;
        List<String> series = List.of("slots", "bundle", "queues");
        // kept in the repository (benchmarks/scale.json): the race report shows the latest study
        Path out = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "scale.json") : Path.of("scale.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--series" -> series = List.of(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ScaleStudy [--quick] [--passes N] [--series slots,bundle,queues] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        Budget budget = quick ? Budget.QUICK : Budget.FULL;
        String loadBefore = loadAverage();
        if (quick) {
            passes = 1;
        }
        List<List<Point>> all = new ArrayList<>();
        try (Partner partner = new Partner(World.COMPLETER)) {
            if (!quick) {
                warmUp(partner);
            }
            for (int pass = 1; pass <= passes; pass++) {
                System.out.println("pass " + pass + " of " + passes + ", load average " + loadAverage());
                printHeader();
                List<Point> points = new ArrayList<>();
                for (Case c : cases(series)) {
                    Point p = measure(c, budget, partner);
                    points.add(p);
                    print(p);
                }
                all.add(points);
            }
        }
        List<Point> points = bestOf(all);
        if (passes > 1) {
            System.out.println("best of " + passes + " passes (per column, the pass with the lowest median: noise on a shared machine only adds time)");
            printHeader();
            points.forEach(ScaleStudy::print);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generated", Instant.now().toString());
        doc.put("machine", machine());
        doc.put("loadAverageBefore", loadBefore);
        doc.put("loadAverageAfter", loadAverage());
        doc.put("budget", Map.of("warmupMillis", budget.warmup().toMillis(), "measureMillis", budget.measure().toMillis(),
                "controlledRuns", budget.controlledRuns(), "trace", "on"));
        doc.put("notes", List.of(
                "laneSwitchesOneThread / laneSwitchesTwoThreads: changes of lane between consecutive events, lanes on one thread / median over 21 two-thread samples",
                "oneThreadMicros: build + load + run both lanes on one thread + finish + grade, per sample (quartiles over samples)",
                "twoThreadsMicros: the same with the completer lane on a second thread, as a jcstress sample",
                "controlledMillisPerRun: Exploration.explore on the controlled runtime (two lanes on threads of its own), wall time per run",
                "points: per point and timed column, the pass with the lowest median (the machine is shared: noise only adds time); passes: every pass as measured",
                "decisions: decisions of the run-to-completion run; a full one-preemption search takes decisions + 1 runs",
                "fullSearchSeconds: (decisions + 1) * controlledMillisPerRun"));
        doc.put("points", points);
        doc.put("passes", all);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** Per point and per timed column, the pass with the lowest median; counts are the same in every pass. */
    static List<Point> bestOf(List<List<Point>> passes) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < passes.get(0).size(); i++) {
            int k = i;
            List<Point> ps = passes.stream().map(l -> l.get(k)).toList();
            Point one = ps.stream().min(java.util.Comparator.comparingDouble(p -> p.oneThreadMicros().p50())).orElseThrow();
            Point two = ps.stream().min(java.util.Comparator.comparingDouble(p -> p.twoThreadsMicros().p50())).orElseThrow();
            Point ctl = ps.stream().min(java.util.Comparator.comparingDouble(Point::controlledMillisPerRun)).orElseThrow();
            Point p = ps.get(ps.size() - 1);
            out.add(new Point(p.series(), p.parameter(), p.x(), p.design(), p.scenario(), p.slots(), p.maxBundle(), p.commands(),
                    p.completionQueues(), p.outcome(), p.events(), p.eventsAfterStart(), p.laneSwitchesOneThread(),
                    p.laneSwitchesTwoThreads(), one.oneThreadMicros(), one.oneThreadNanosPerEvent(),
                    two.twoThreadsMicros(), two.twoThreadsSamplesPerSecond(), ctl.controlledMillisPerRun(),
                    ctl.controlledRunsTimed(), p.decisions(), ctl.controlledMillisPerRun() * (p.decisions() + 1) / 1e3));
        }
        return out;
    }

    /** Compiles the hot paths before the first point, so the small points are not measured cold. */
    private static void warmUp(Partner partner) {
        Budget warm = new Budget(Duration.ofSeconds(3), Duration.ofMillis(1), 10, 0);
        Case mid = new Case("warm-up", "slots", 32, Scenarios.COMPLETION_RACES_REISSUE, Designs.slots(32), 32, 2, 34, 0);
        time(warm, () -> Samples.oneThread(mid.scenario(), mid.design(), true));
        time(warm, () -> Samples.twoThreads(mid.scenario(), mid.design(), true, partner));
        Exploration.explore(mid.scenario(), mid.design(), 0, 20, rules -> false);
    }

    private static void printHeader() {
        System.out.printf("%-38s %5s %6s %9s | %-26s %7s | %-26s %8s | %9s %6s %9s%n",
                "series", "x", "events", "switches", "1 thread us p50 [p25-p75]", "ns/ev", "2 threads us p50 [p25-p75]", "samp/s",
                "ctl ms/run", "decis", "full s");
    }

    private static void print(Point p) {
        System.out.printf("%-38s %5d %6d %4d/%4d | %8.1f [%7.1f-%8.1f] %7.0f | %8.1f [%7.1f-%8.1f] %8.0f | %9.2f %6d %9.1f%s%n",
                p.series(), p.x(), p.events(), p.laneSwitchesOneThread(), p.laneSwitchesTwoThreads(),
                p.oneThreadMicros().p50(), p.oneThreadMicros().p25(), p.oneThreadMicros().p75(), p.oneThreadNanosPerEvent(),
                p.twoThreadsMicros().p50(), p.twoThreadsMicros().p25(), p.twoThreadsMicros().p75(), p.twoThreadsSamplesPerSecond(),
                p.controlledMillisPerRun(), p.decisions(), p.fullSearchSeconds(),
                "clean".equals(p.outcome()) ? "" : "  (" + p.outcome() + ")");
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
