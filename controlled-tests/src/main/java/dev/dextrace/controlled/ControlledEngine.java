package dev.dextrace.controlled;

import dev.dextrace.engine.Budget;
import dev.dextrace.engine.Engine;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenario;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controlled runtime as an engine: each design searched by {@link ControlledSearch} (exhaustive up to the
 * budget's preemptions, then PCT), a replay file per finding under {@code <out>/controlled-replays}.
 */
public final class ControlledEngine implements Engine {
    private static final String REDUCTION = "reduction";

    @Override
    public String name() {
        return ControlledSearch.ENGINE;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(REDUCTION, "true (default) or false: search without partial-order reduction, to measure what it saves");
    }

    @Override
    public Engine.Session open(Budget level, Path out, Map<String, String> settings) {
        String reduction = settings.getOrDefault(REDUCTION, "true");
        if (!List.of("true", "false").contains(reduction)) {
            throw new IllegalArgumentException("--set " + REDUCTION + "='" + reduction + "' is not allowed; values: true, false");
        }
        ControlledSearch.Budget b = ControlledSearch.Budget.of(level);
        return new Session(reduction.equals("true") ? b : b.withoutReduction(), out.resolve(name() + "-replays"));
    }

    private record Session(ControlledSearch.Budget budget, Path replays) implements Engine.Session {
        @Override
        public Map<String, Object> budgetInfo() {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("controlledBudget", budget.name());
            info.put("controlledPreemptions", budget.preemptions());
            info.put("controlledPctRuns", budget.pctRuns());
            info.put("controlledPctDepth", budget.pctDepth());
            info.put("controlledReduction", budget.reduce());
            return info;
        }

        @Override
        public Engine.DesignResult run(DesignEntry d, List<Scenario> scenarios, Engine.Progress progress) {
            ControlledSearch.Report r = ControlledSearch.run(d, scenarios, budget, s -> progress.accept(d.name() + " / " + s.scenario() + ": " + s));
            ControlledSearch.writeReplays(r, replays);
            Results.Design entry = r.statements().isEmpty() ? Grading.notRun(d) : r.toResults(replays);
            return new Engine.DesignResult(entry, List.of(), d.name() + ": " + entry.verdict() + " (expected " + d.violates().toJavaSet()
                    + ", found " + r.rules() + ", " + r.runs() + " runs, first detection "
                    + (r.firstDetectionMillis() == null ? "none" : r.firstDetectionMillis() + " ms") + ", " + r.millis() + " ms)");
        }
    }
}
