package dev.dextrace.bench;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.monitor.Verdict;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.util.Collections;
import java.util.concurrent.TimeUnit;

/**
 * The monitor's cost per protocol event, with the trace on (the default: event log and violation
 * stories) and off ({@code withoutTrace()}: every rule still checked, no event log).
 *
 * <p>One operation is a full round trip of {@link BundledRecommended} with 32 slots and
 * {@link FrameworkConfig#defaults()}: 32 commands are one Process of 32 slots, the hardware
 * completes each at once, the interrupt handler returns them with one Complete; with 64 commands the
 * 32 returned slots are reissued as a second bundle, Process'd and completed again. The world is
 * built and the commands submitted outside the measurement ({@code Level.Invocation}); the round
 * trip ({@code start}, both lanes pumped on the benchmark thread, {@code finish}) is measured. No
 * thread handoff: this is the model's own work per event.
 *
 * <p>The {@code events} counter counts the events of each round trip; in average-time mode JMH
 * reports it as time per event, i.e. the cost per protocol event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MonitorCost {
    public static final int SLOTS = 32;

    @Param({"on", "off"})
    public String trace;

    @Param({"32", "64"})
    public int commands;

    private World world;
    private long eventsBefore;

    /** Events counted per round trip (reported by JMH as ns per event in avgt mode). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    /** A fresh 32-slot world with the commands submitted; nothing has run yet. */
    public static World freshWorld(boolean trace, int commands) {
        World.Builder b = World.builder(() -> new BundledRecommended(SLOTS))
                .config(FrameworkConfig.defaults()).twoLanesDrivenByCaller();
        if (!trace) {
            b.withoutTrace();
        }
        World w = b.build();
        w.framework().submit(Collections.nCopies(commands, Command.testUnitReady(0)));
        return w;
    }

    @Setup(Level.Invocation)
    public void build() {
        world = freshWorld("on".equals(trace), commands);
        eventsBefore = world.monitor().eventCount();
    }

    /** Prints the events of one round trip, so time per event can be worked out from any mode's time per op. */
    @TearDown(Level.Trial)
    public void report() {
        World w = freshWorld("on".equals(trace), commands);
        long before = w.monitor().eventCount();
        Verdict v = Drive.onThisThread(w);
        System.out.println();
        System.out.println("events per round trip (trace " + trace + ", " + commands + " commands): "
                + (w.monitor().eventCount() - before) + " (+ " + before + " while building), outcome " + v.outcome());
    }

    @Benchmark
    public Verdict roundTrip(Events counter) {
        Verdict v = Drive.onThisThread(world);
        counter.events += world.monitor().eventCount() - eventsBefore;
        return v;
    }
}
