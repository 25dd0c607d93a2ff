package dev.dextrace.lincheck;

import dev.dextrace.model.World;
import dev.dextrace.model.hardware.FaultChooser;
import dev.dextrace.model.runtime.Lane;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Lincheck runs for one search: each invocation gets a fresh instance, so a fresh world, built
 * and booted in the constructor (Lincheck does not analyse it, which keeps an invocation cheap). Two
 * threads each pump one lane; the verdict is judged in the validation function.
 *
 * <p>The world is a field of the instance Lincheck hands to both threads: sharing it through a lambda
 * captured by {@code new Thread(...)} lets Lincheck treat it as thread-local and miss the race.
 */
public class ScenarioRun {
    private final LincheckSearch.Job job = LincheckSearch.currentJob();
    private final World world;
    /** Lanes waiting for work; once both wait with nothing runnable, both leave. */
    private final AtomicInteger idle = new AtomicInteger();
    private volatile boolean leaving;

    public ScenarioRun() {
        int invocation = job.invocations.incrementAndGet();
        // The faults come from the invocation's number; once an invocation failed, Lincheck re-runs it to print its
        // trace, and the re-run must meet the same faults: it takes the failing invocation's number.
        Capture.Kept failed = job.kept.get();
        long faultSeed = failed == null ? invocation : failed.invocation();
        // Timeouts fire when the run is stuck, not by the clock: Lincheck's clock inside an invocation is not the real one.
        world = job.scenario().load(job.scenario().builder(job.design())
                .config(job.scenario().config().withRealTimeTimeouts(false)).twoLanesDrivenByCaller()
                .faults(FaultChooser.seeded(faultSeed)));
        world.start();
        job.lastWorld.set(world);
    }

    /** The kernel and Default: issues bundles and delivers Process. */
    @Operation
    public void submitter() {
        pump(world.lane(World.SUBMITTER), world.lane(World.COMPLETER));
    }

    /** Hardware, the interrupt queue and every other queue of the dext. */
    @Operation
    public void completer() {
        pump(world.lane(World.COMPLETER), world.lane(World.SUBMITTER));
    }

    /**
     * Runs what the lane can run, and stays while the other lane may still hand it work: a lane that
     * left as soon as it was idle could never take a completion the other lane's Process triggers, so
     * Lincheck could not put one in the middle of Process. Once both lanes are idle with nothing
     * runnable, both leave; what is left (a deadlock, a lost completion, work handed over just as a lane
     * decided to leave) {@code finish()} handles. Lincheck sees the idle loop as a spin loop and
     * switches to the other thread.
     */
    private void pump(Lane mine, Lane other) {
        while (true) {
            mine.runWhileWork();
            idle.incrementAndGet();
            while (!mine.hasWork()) {
                if (leaving || (idle.get() == 2 && !other.hasWork() && !mine.hasWork())) {
                    leaving = true;
                    return;
                }
            }
            idle.decrementAndGet();
        }
    }

    /** Finishes the run (timeouts, end-of-run rules) and fails the invocation on a verdict the job looks for. */
    @Validate
    public void verdict() {
        String failure = Capture.judge(job, world);
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }
}
