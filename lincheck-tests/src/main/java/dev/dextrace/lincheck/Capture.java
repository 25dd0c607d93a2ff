package dev.dextrace.lincheck;

import dev.dextrace.model.World;
import dev.dextrace.model.monitor.Verdict;

/**
 * Judges a run and hands a failing one out of Lincheck. Lincheck does not analyse this class (see
 * {@link LincheckSearch}): judging is bookkeeping with nothing to interleave, and what is kept here
 * must not be rolled back with the invocation's state.
 */
final class Capture {
    /** The first failing run of a search: its world (for the replay file) and verdict, when it was seen. */
    record Kept(World world, Verdict verdict, int invocation, long millis) {
    }

    private Capture() {
    }

    /**
     * Finishes the run and returns the failure message the job gives its verdict, or null. Keeps the
     * first failing run; Lincheck re-runs it to print the trace, and that repeat is not kept.
     */
    /** How Lincheck 3 begins the report of an interleaving in which no thread can make progress. */
    private static final String HUNG = "= The execution has hung =";

    static boolean isHang(String lincheckMessage) {
        return lincheckMessage != null && lincheckMessage.contains(HUNG);
    }

    /**
     * The world of the interleaving Lincheck found hung, judged: HANG-1 with the blocks that were running
     * (Q-4 was filed already if the hang is a cycle of waits). Null if the job does not look for it.
     */
    static Kept hung(LincheckSearch.Job job) {
        World world = job.lastWorld.get();
        if (world == null) {
            return null;
        }
        Verdict v = world.abandon("Lincheck found an interleaving in which every thread spins or waits");
        return job.failure(v) == null ? null : new Kept(world, v, job.invocations.get(), job.elapsedMillis());
    }

    static String judge(LincheckSearch.Job job, World world) {
        Verdict v = world.finish();
        String failure = job.failure(v);
        if (failure != null) {
            job.kept.compareAndSet(null, new Kept(world, v, job.invocations.get(), job.elapsedMillis()));
        }
        return failure;
    }
}
