package dev.dextrace.bench;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Samples per second of one scenario on {@code bundled-recommended}, trace on and off, each sample a
 * fresh world as in the stress harness ({@code stress-tests/.../fork/Sample.java}): build and load
 * the world, run its two lanes, {@code finish()} and grade it.
 *
 * <ul>
 *   <li>{@link #twoThreads}: the submitter lane on the benchmark thread and the completer lane on a
 *       second thread ({@link Partner}), as jcstress's two actors; the arbiter's work (finish, grade)
 *       on the benchmark thread. This is the figure for "samples per second".</li>
 *   <li>{@link #oneThread}: both lanes pumped on the benchmark thread; the model's work without
 *       any thread handoff, to tell what the second thread costs.</li>
 *   <li>{@link #buildOnly}: building and loading the world alone (part of every sample).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SampleThroughput {
    @Param({"on", "off"})
    public String trace;

    @Param({"completion-races-submission"})
    public String scenario;

    private Scenario s;
    private DesignEntry design;
    private boolean on;
    private Partner partner;

    @Setup(Level.Trial)
    public void setUp() {
        s = Scenarios.byName(scenario);
        design = Catalogue.byName("bundled-recommended");
        on = "on".equals(trace);
        partner = new Partner(World.COMPLETER);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        partner.close();
    }

    @Benchmark
    public String twoThreads() {
        return Samples.twoThreads(s, design, on, partner);
    }

    @Benchmark
    public String oneThread() {
        return Samples.oneThread(s, design, on);
    }

    @Benchmark
    public World buildOnly() {
        return Samples.load(s, design, on);
    }
}
