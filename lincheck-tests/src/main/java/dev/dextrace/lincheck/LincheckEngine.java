package dev.dextrace.lincheck;

import dev.dextrace.engine.Budget;
import dev.dextrace.engine.Engine;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.ivars.Ivars;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.QueueLanes;
import dev.dextrace.model.scenario.Scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lincheck as an engine: each design under every scenario of its path, each scenario searched ({@link DesignSearch})
 * until the budget's interleavings pass without a new rule; traces and replay files under {@code <out>/traces}.
 */
public final class LincheckEngine implements Engine {
    static final String ENGINE = "lincheck";
    private static final String INVOCATIONS = "invocations";
    private static final String TRACES = "traces";

    @Override
    public String name() {
        return ENGINE;
    }

    /**
     * Two: Lincheck runs one thread at a time, but its waiting threads spin, so beside it the controlled engine ran its
     * costliest designs 3.5-5x slower (BENCHMARKS.md §8); alone it keeps the machine's two cores to itself.
     */
    @Override
    public int cores() {
        return 2;
    }

    @Override
    public List<String> jvmOptions() {
        return Stream.concat(Ivars.childJvmOptions().stream(), Stream.of("-Dlincheck.logLevel=error")).toList();
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(INVOCATIONS, "interleavings per search, a whole number above 0 (default: the budget's)",
                TRACES, "folder for traces and replay files (default: <out>/traces)");
    }

    @Override
    public Engine.Session open(Budget level, Path out, Map<String, String> settings) {
        int perSearch = level.lincheck().invocations();
        String given = settings.get(INVOCATIONS);
        if (given != null) {
            try {
                perSearch = Integer.parseInt(given.trim());
            } catch (NumberFormatException e) {
                perSearch = 0;
            }
            if (perSearch < 1) {
                throw new IllegalArgumentException("--set " + INVOCATIONS + "='" + given + "' is not allowed; values: a whole number above 0");
            }
        }
        return new Session(perSearch, Path.of(settings.getOrDefault(TRACES, out.resolve(TRACES).toString())));
    }

    private record Session(int perSearch, Path traces) implements Engine.Session {
        @Override
        public Map<String, Object> budgetInfo() {
            return Map.of("lincheckInvocations", perSearch);
        }

        @Override
        public Engine.DesignResult run(DesignEntry d, List<Scenario> scenarios, Engine.Progress progress) {
            List<Scenario> searched = QueueLanes.inEveryMapping(d, scenarios); // every pair of the design's queues overlaps in one
            DesignSearch.Report r = DesignSearch.run(d, searched, perSearch, DesignSearch.Goal.EXPECTED_RULES, DesignSearch.Stop.EVERY_SCENARIO, traces,
                    s -> progress.accept(s.design().name() + " / " + s.scenario().name() + ": "
                            + (s.found() == null ? "clean" : s.found().verdict().outcome() + " at interleaving " + s.found().invocation())
                            + " (" + s.invocations() + " interleavings, " + s.millis() + " ms)"));
            Results.Design entry = design(d, r, QueueLanes.of(d, searched));
            return new Engine.DesignResult(entry, List.of(), d.name() + ": " + entry.verdict() + " (expected " + d.violates().toJavaSet()
                    + ", found " + r.rules() + ", " + r.invocations() + " interleavings, " + r.millis() / 1000 + " s)");
        }

        private static Results.Design design(DesignEntry d, DesignSearch.Report r, Results.QueuePairs pairs) {
            Map<String, Long> byRule = new TreeMap<>();
            List<Results.Finding> findings = new ArrayList<>();
            r.caught().values().forEach(c -> {
                byRule.put(c.rule(), c.millisFromDesignStart());
                findings.add(Grading.finding(d.name() + "/" + ENGINE + "/" + c.scenario().name() + "/" + (findings.size() + 1), ENGINE,
                        c.scenario().name(), c.violation(), DesignSearch.interleaving(c.found().lincheckTrace()),
                        DesignSearch.replayCommand(c.replayFile()), c.found().world().hardware().faultsMet()));
            });
            Long first = byRule.values().stream().min(Long::compare).orElse(null);
            Results.DesignEngine engine = new Results.DesignEngine(true, List.copyOf(r.rules()), first, byRule, null, null, null,
                    (long) r.invocations()).withQueuePairs(pairs);
            return Grading.design(d, r.rules(), true, Map.of(ENGINE, engine), findings);
        }
    }
}
