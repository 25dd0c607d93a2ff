package dev.dextrace.bench;

import dev.dextrace.controlled.ControlledSearch;
import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The controlled engine's cost per interleaving (issue 15), on the campaign's costliest scenario by default
 * ({@code plain-locked-own-tags} / {@code completion-races-reissue}).
 *
 * <p>{@link #run}: one controlled run as the search makes it (the world loaded, its two lanes run on the controlled
 * scheduler, judged): {@code strategy=rtc} runs each lane to completion (a few thread switches), {@code seeded} picks
 * a random lane at every decision (a switch at every third decision or so).
 *
 * <p>{@link #search}: the controlled engine's whole search of one design × scenario with the {@code full} budget's
 * row (exhaustive to 2 preemptions, 100 PCT runs), one shot per iteration; its run count is in the engine's
 * statement (11,320 runs for the default pair), so seconds per shot / runs is the cost per interleaving with the
 * search's bookkeeping.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ControlledCost {
    @Param({"plain-locked-own-tags"})
    public String design;

    @Param({"completion-races-reissue"})
    public String scenario;

    @Param({"rtc", "seeded"})
    public String strategy;

    private DesignEntry entry;
    private Scenario sc;
    private long seed;

    @Setup
    public void setUp() {
        entry = Catalogue.byName(design);
        sc = Scenarios.byName(scenario);
    }

    /** One controlled run: load, run, judge. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Verdict run() {
        Strategy s = "rtc".equals(strategy) ? Strategy.runToCompletion() : Strategy.seeded(seed++);
        World w = sc.load(sc.builder(entry).twoLanes().controlled(s));
        return w.run(Duration.ofSeconds(20));
    }

    /** The engine's search of the design × scenario with the full budget (the strategy parameter does not apply). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public ControlledSearch.Report search() {
        return search(ControlledSearch.Budget.of(dev.dextrace.engine.Budget.FULL));
    }

    ControlledSearch.Report search(ControlledSearch.Budget budget) {
        return ControlledSearch.run(entry, List.of(sc), budget, st -> { });
    }
}
