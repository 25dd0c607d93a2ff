package dev.dextrace.controlled;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.hardware.FaultChooser;
import dev.dextrace.model.hardware.FaultSpace;
import dev.dextrace.model.hardware.HbaFault;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.QueueLanes;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The controlled runtime as a search engine for one design: its scenarios are searched round-robin
 * in rounds of growing preemption bound (all at 0, then all at 1, ...), exhaustively up to the
 * budget's bound, then with PCT runs beyond it. Each scenario ends with a {@link Statement} of how hard
 * it was searched. Runs use the two lanes of the stress harness (submitter, completer), as the replay
 * files do.
 */
public final class ControlledSearch {
    /**
     * How hard to look.
     *
     * @param preemptions   the bound k of the exhaustive search
     * @param pctRuns       PCT runs per scenario after it (R)
     * @param pctDepth      the bug depth PCT aims at (d)
     * @param maxRunsPerScenario a safety cap on the exhaustive search; a scenario that reaches it says so
     * @param reduce        partial-order reduction (sleep sets) on
     */
    public record Budget(String name, int preemptions, int pctRuns, int pctDepth, int maxRunsPerScenario, boolean reduce) {
        public Budget {
            if (preemptions < 0 || pctRuns < 0 || pctDepth < 1 || maxRunsPerScenario < 1) {
                throw new IllegalArgumentException("budget " + name + ": preemptions and pctRuns must be >= 0, pctDepth and maxRunsPerScenario >= 1");
            }
        }

        /** The controlled runtime's row of the one budget table, with partial-order reduction on. */
        public static Budget of(dev.dextrace.engine.Budget level) {
            dev.dextrace.engine.Budget.Controlled c = level.controlled();
            return new Budget(level.label(), c.preemptions(), c.pctRuns(), c.pctDepth(), c.maxRunsPerScenario(), true);
        }

        public Budget withoutReduction() {
            return new Budget(name, preemptions, pctRuns, pctDepth, maxRunsPerScenario, false);
        }
    }

    /** The first run that showed a rule. */
    public record Found(String rule, Scenario scenario, Verdict verdict, ReplayFile replay, long millisFromDesignStart, int run) {
    }

    /**
     * How hard one scenario was searched: the exhaustive part (the bound reached, runs, branches the
     * reduction pruned, whether the bound was searched completely or why not), the PCT part, the
     * violations, what the runs exercised of the protocol ({@code coverage}), the time.
     */
    public record Statement(String scenario, int bound, Cut cut, int runs, int pruned,
                            int pctRuns, int pctDepth, int lanes, int steps, int violatingRuns, String firstViolation,
                            int hungRuns, Coverage.Summary coverage, long millis, int faultAssignments) {
        /** Whether the exhaustive part covered its whole bound. */
        public boolean complete() {
            return cut == Cut.NONE;
        }

        /** PCT's bound on missing a given depth-d bug in these runs, or 1 when none ran. */
        public double pctMissBound() {
            return pctRuns == 0 ? 1 : Pct.missProbability(lanes, steps, pctDepth, pctRuns);
        }

        @Override
        public String toString() {
            String upTo = "up to " + bound + " preemption" + (bound == 1 ? "" : "s");
            String faults = faultAssignments <= 1 ? "" : " over " + faultAssignments + " fault assignments (at most "
                    + FAULT_BOUND + " faults chosen, each fault one preemption less)";
            String exhaustive = (complete() ? "exhaustive " + upTo : upTo + ", not completely (" + cut.why + ")")
                    + ": " + runs + " interleavings run" + faults + (pruned > 0 ? " (" + pruned
                    + " more branches pruned as reorderings of independent steps)" : "");
            String found = violatingRuns == 0 ? "0 violations" : "violations in " + violatingRuns + " of " + (runs + pctRuns)
                    + " runs, first: " + firstViolation;
            String pct = pctRuns == 0 ? "no PCT runs" : String.format(Locale.ROOT, "PCT: %d runs at depth %d (%d lanes, %d steps), "
                    + "P(miss a depth-%d bug) <= %.3g", pctRuns, pctDepth, lanes, steps, pctDepth, pctMissBound());
            return exhaustive + ", " + found + "; " + pct + (hungRuns > 0 ? "; " + hungRuns + " runs hung" : "")
                    + "; coverage: " + coverage + "; " + millis + " ms";
        }
    }

    /** Why a scenario's search ended before its budget did, if it did. */
    public enum Cut {
        NONE(""),
        RULES_SHOWN("stopped at a violation once every declared rule had shown"),
        HUNG("stopped: a run hung, and every further run would wait as long"),
        RUN_CAP("run cap reached");

        final String why;

        Cut(String why) {
            this.why = why;
        }
    }

    /** What the search of one design showed. */
    public record Report(DesignEntry design, Map<String, Found> firstByRule, List<Statement> statements, int runs, long millis) {
        public Set<String> rules() {
            return new TreeSet<>(firstByRule.keySet());
        }

        public Long firstDetectionMillis() {
            return firstByRule.values().stream().map(Found::millisFromDesignStart).min(Long::compare).orElse(null);
        }

        /** The design's entry in results.json, with the replay command of each finding's file under {@code replayDir}. */
        public Results.Design toResults(Path replayDir) {
            Map<String, Long> byRule = new TreeMap<>();
            List<Results.Finding> findings = new ArrayList<>();
            firstByRule.values().forEach(f -> {
                byRule.put(f.rule(), f.millisFromDesignStart());
                String replay = replayDir == null ? null : ReplayCommand.of(replayFile(replayDir, design, f));
                findings.add(Grading.finding(design.name() + "/controlled/" + f.scenario().name() + "/" + (findings.size() + 1),
                        ENGINE, f.scenario().name(), f.verdict().first(f.rule()).get(), null, replay, f.replay().faults()));
            });
            Map<String, String> said = new LinkedHashMap<>();
            statements.forEach(s -> said.put(s.scenario(), s.toString()));
            Results.DesignEngine engine = new Results.DesignEngine(!statements.isEmpty(), List.copyOf(rules()),
                    firstDetectionMillis(), byRule, null, null, null, (long) runs, said)
                    .withQueuePairs(QueueLanes.of(design, statements.stream().map(s -> Scenarios.byName(s.scenario())).toList()));
            return Grading.design(design, rules(), !statements.isEmpty(), Map.of(ENGINE, engine), findings);
        }
    }

    /** The engine name in results files. */
    public static final String ENGINE = "controlled";

    /**
     * Where a scenario lets the run choose the hardware's faults, the exhaustive part searches every assignment with
     * at most this many starts meeting another fault than their first option (GOOD), an assignment with f faults up to
     * max(0, k − f) preemptions: a fault costs what a preemption does, but every assignment runs at least once.
     */
    public static final int FAULT_BOUND = 2;

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    private ControlledSearch() {
    }

    /**
     * Searches {@code design} under {@code scenarios} (those that apply to it, in every lane mapping its queues need) within {@code budget}.
     * A wrong design's scenario stops at its first violation once every rule the design declares has
     * shown up; a correct design's scenarios are searched to the end of the budget.
     *
     * @param progress told about each scenario's statement as it is final
     */
    public static Report run(DesignEntry design, List<Scenario> scenarios, Budget budget, Consumer<Statement> progress) {
        // in every lane mapping the design's queues need for each pair of them to overlap in one (QueueLanes)
        return new DesignRun(design, QueueLanes.inEveryMapping(design, scenarios.stream().filter(s -> s.appliesTo(design)).toList()), budget)
                .run(progress);
    }

    /** Writes the replay file of each rule's first run: {@code <dir>/<design>/<scenario>-<rule>.replay}. */
    public static void writeReplays(Report r, Path dir) {
        for (Found f : r.firstByRule().values()) {
            try {
                f.replay().write(replayFile(dir, r.design(), f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the replay file of " + r.design().name() + " / " + f.rule() + " in " + dir, e);
            }
        }
    }

    static Path replayFile(Path dir, DesignEntry design, Found f) {
        return dir.resolve(design.name()).resolve(f.scenario().name() + "-" + f.rule() + ".replay").toAbsolutePath();
    }

    /** The faults the run's commands met, when one was not GOOD: what a finding's statement names. */
    static String faultsOf(World w) {
        List<HbaFault> met = w.hardware().faultsMet();
        return met.stream().allMatch(f -> f == HbaFault.GOOD) ? "" : " (hardware faults in start order: " + met + ")";
    }

    /** The search of one design: per-scenario state across the rounds. */
    private static final class DesignRun {
        private final DesignEntry design;
        private final List<Scenario> scenarios;
        private final Budget budget;
        private final long t0 = System.nanoTime();
        private final Map<String, Found> first = new LinkedHashMap<>();
        private int runs;

        /** The bounded search of one fault assignment of a scenario (each start's first option for a fixed plan). */
        private static final class Assigned {
            final FaultSpace.Assignment faults;
            final BoundedSearch search;
            boolean complete = true;

            Assigned(FaultSpace.Assignment faults, BoundedSearch search) {
                this.faults = faults;
                this.search = search;
            }
        }

        private final class PerScenario {
            final Scenario scenario;
            final List<Assigned> searches = new ArrayList<>();
            /** The scenario's fault space, as its first run's hardware had it; null before that run. */
            FaultSpace space;
            int bound = -1;
            boolean complete = true;
            int violating;
            String firstViolation;
            int hung;
            int lanes = 1;
            int pctRuns;
            long nanos;
            /** The exhaustive runs of all its searches: counted here, as the stop check asks for it before every run. */
            int exhaustiveRuns;
            final Coverage coverage = new Coverage();

            PerScenario(Scenario scenario) {
                this.scenario = scenario;
                add(new FaultSpace.Assignment(List.of(), 0), FaultChooser.first());
            }

            private void add(FaultSpace.Assignment a, FaultChooser chooser) {
                searches.add(new Assigned(a, new BoundedSearch(prefix -> {
                    PrefixStrategy s = new PrefixStrategy(prefix);
                    judge(this, s, chooser, w -> s.watch(w.runtime().scheduler()));
                    exhaustiveRuns++;
                    return s;
                }, budget.reduce())));
            }

            /**
             * The part of round {@code k} (runs costing k: a fault costs what a preemption does) whose assignments have
             * {@code faults} faults, each searched up to k − faults preemptions. An assignment with more faults than the
             * budget's bound K counts as K, so every assignment runs at least once. The other assignments are added once the
             * first run showed the space.
             */
            boolean round(int k, int faults) {
                boolean complete = true;
                for (int i = 0; i < searches.size(); i++) {
                    Assigned a = searches.get(i);
                    if (Math.min(a.faults.chosen(), budget.preemptions()) != faults) {
                        continue;
                    }
                    if (a.complete && !stopped()) { // a search's first run comes before its stop check: none once stopped
                        bound = k;
                        a.complete = a.search.round(k - faults, () -> stopped() || runs() >= budget.maxRunsPerScenario());
                    }
                    complete &= a.complete;
                    if (i == 0 && searches.size() == 1 && space != null && space.chooses()) {
                        space.assignments(FAULT_BOUND).stream().filter(x -> x.chosen() > 0)
                                .forEach(x -> add(x, FaultChooser.planned(x.faults())));
                    }
                }
                return complete;
            }

            int runs() {
                return exhaustiveRuns;
            }

            int longestRun() {
                return searches.stream().mapToInt(a -> a.search.longestRun()).max().orElse(0);
            }

            boolean stopped() {
                return hung > 0 || violating > 0 && !design.declaredClean() && first.keySet().containsAll(design.violates().toJavaSet());
            }

            Statement statement() {
                Cut cut = hung > 0 ? Cut.HUNG : stopped() ? Cut.RULES_SHOWN : complete ? Cut.NONE : Cut.RUN_CAP;
                return new Statement(scenario.name(), bound, cut, runs(), searches.stream().mapToInt(a -> a.search.pruned()).sum(),
                        pctRuns, budget.pctDepth(),
                        lanes, Math.max(1, longestRun()), violating, firstViolation, hung, coverage.summary(), nanos / 1_000_000, searches.size());
            }
        }

        DesignRun(DesignEntry design, List<Scenario> scenarios, Budget budget) {
            this.design = design;
            this.scenarios = scenarios;
            this.budget = budget;
        }

        Report run(Consumer<Statement> progress) {
            List<PerScenario> all = scenarios.stream().map(PerScenario::new).toList();
            // Iterative deepening on a run's cost (preemptions + faults), scenarios round-robin; within a cost, the runs
            // with the most faults (fewest preemptions, the cheapest to enumerate) of every scenario come first, so a bug
            // that needs two faults is not behind every scenario's two-preemption search, nor a one-preemption bug behind
            // every fault assignment's first run.
            for (int k = 0; k <= budget.preemptions(); k++) {
                List<PerScenario> open = new ArrayList<>();
                for (PerScenario p : all) {
                    if (!p.stopped() && p.complete) {
                        open.add(p);
                    }
                }
                Map<PerScenario, Boolean> complete = new java.util.IdentityHashMap<>();
                for (int faults = k; faults >= 0; faults--) {
                    for (PerScenario p : open) {
                        if (p.stopped()) {
                            continue;
                        }
                        long s0 = System.nanoTime();
                        complete.merge(p, p.round(k, faults), Boolean::logicalAnd);
                        p.nanos += System.nanoTime() - s0;
                    }
                }
                open.forEach(p -> p.complete = complete.getOrDefault(p, p.complete));
            }
            for (PerScenario p : all) {
                long s0 = System.nanoTime();
                int steps = Math.max(1, p.longestRun());
                for (int r = 0; r < budget.pctRuns() && !p.stopped(); r++) {
                    judge(p, new Pct(r, steps, budget.pctDepth()), FaultChooser.seeded(r), w -> { }); // the faults from the run's seed too
                    p.pctRuns++;
                }
                p.nanos += System.nanoTime() - s0;
                progress.accept(p.statement());
            }
            return new Report(design, Map.copyOf(first), all.stream().map(PerScenario::statement).toList(), runs,
                    (System.nanoTime() - t0) / 1_000_000);
        }

        /** Runs the scenario once under {@code strategy}, its faults chosen by {@code faults}, and keeps what it showed. */
        private void judge(PerScenario p, Strategy strategy, FaultChooser faults, Consumer<World> beforeRun) {
            Scenario s = p.scenario;
            World w = s.load(s.builder(design).twoLanes().controlled(strategy).faults(faults));
            if (p.space == null) {
                p.space = w.hardware().faultSpace();
            }
            beforeRun.accept(w);
            Verdict v = w.run(RUN_TIMEOUT);
            runs++;
            p.lanes = Math.max(p.lanes, w.runtime().lanes().size());
            p.coverage.add(v.events());
            if (v.first(Rule.HANG_1.id()).isDefined()) {
                p.hung++;
            }
            if (v.isClean()) {
                return;
            }
            if (p.violating++ == 0) {
                p.firstViolation = v.outcome() + " in " + (strategy instanceof Pct ? "PCT run " + (p.pctRuns + 1)
                        : "interleaving " + (p.runs() + 1)) + faultsOf(w);
            }
            for (String rule : v.rules()) {
                first.computeIfAbsent(rule, r -> new Found(r, s, v, ReplayFile.of(design, s, w, v, r),
                        (System.nanoTime() - t0) / 1_000_000, runs));
            }
        }
    }
}
