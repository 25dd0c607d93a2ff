package dev.dextrace.model.replay;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.hardware.FaultChooser;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Systematic search on the controlled runtime, two lanes as in the stress harness: the
 * run-to-completion order, then every order with one preemption (bound 1, as in CHESS), then seeded
 * random orders. Keeps the first run that showed each rule, with its replay file and the time it took.
 * It lives with the replays it records (a scenario knows nothing of searches).
 * A run that hangs (HANG-1) ends the scenario's search: further orders of a design that hangs mostly
 * hang too, and each would cost the stall bound ({@link World#STALL}).
 */
public final class Exploration {
    /** The first run that showed a rule. */
    public record Found(String rule, Verdict verdict, ReplayFile replay, long millisToFind, int run) {
    }

    /** What a search saw: the first run per rule, how many runs, how long. */
    public record Result(Map<String, Found> firstByRule, int runs, long millis) {
        /** The first run that showed {@code rule}, if the search found it. */
        public Optional<Found> first(String rule) {
            return Optional.ofNullable(firstByRule.get(rule));
        }
    }

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    private Exploration() {
    }

    /**
     * @param seeds  random orders to try after the preemption-bounded ones
     * @param maxRuns upper bound on runs (the budget)
     * @param done   stops the search early once it holds for the rules found so far
     */
    public static Result explore(Scenario scenario, DesignEntry design, int seeds, int maxRuns,
                                 Predicate<java.util.Set<String>> done) {
        long t0 = System.nanoTime();
        Map<String, Found> first = new LinkedHashMap<>();
        int[] runs = {0};
        boolean[] hung = {false};
        BiFunction<Strategy, FaultChooser, World> run = (strategy, faults) -> {
            World w = scenario.load(scenario.builder(design).twoLanes().controlled(strategy).faults(faults));
            Verdict v = w.run(RUN_TIMEOUT);
            runs[0]++;
            hung[0] |= v.rules().contains(Rule.HANG_1.id());
            for (String rule : v.rules()) {
                first.computeIfAbsent(rule, r -> new Found(r, v, ReplayFile.of(design, scenario, w, v, r),
                        (System.nanoTime() - t0) / 1_000_000, runs[0]));
            }
            return w;
        };
        int decisions = run.apply(Strategy.runToCompletion(), FaultChooser.first()).decisions().size();
        for (int at = 0; at < decisions && runs[0] < maxRuns && !hung[0] && !done.test(first.keySet()); at++) {
            run.apply(Strategy.preemptOnce(at, 0), FaultChooser.first());
        }
        for (long seed = 0; seed < seeds && runs[0] < maxRuns && !hung[0] && !done.test(first.keySet()); seed++) {
            run.apply(Strategy.seeded(seed), FaultChooser.seeded(seed)); // a seeded run's faults come from its seed too
        }
        return new Result(Map.copyOf(first), runs[0], (System.nanoTime() - t0) / 1_000_000);
    }
}
