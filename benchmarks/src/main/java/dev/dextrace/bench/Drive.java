package dev.dextrace.bench;

import dev.dextrace.model.World;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Lane;

/**
 * Runs a world whose lanes are driven by the caller ({@code twoLanesDrivenByCaller()}) on the
 * calling thread alone: the submitter lane until it has nothing runnable, then the completer lane,
 * and again, until the kernel's work is done. No thread handoff, so the time is the model's own
 * work (framework, driver, DriverKit runtime, monitor) and nothing else.
 */
public final class Drive {
    private Drive() {
    }

    /** Starts the world, pumps both lanes on this thread until the work is done, and judges the run. */
    public static Verdict onThisThread(World w) {
        w.start();
        Lane submitter = w.lane(World.SUBMITTER);
        Lane completer = w.lane(World.COMPLETER);
        int rounds = 0;
        while (!w.framework().workDone() || submitter.hasWork() || completer.hasWork()) {
            submitter.runWhileWork();
            completer.runWhileWork();
            if (++rounds > 1_000_000) {
                throw new IllegalStateException("the world does not settle when driven on one thread");
            }
        }
        return w.finish();
    }
}
