package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.hardware.HostBusAdapter;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Subject;

/**
 * The kernel's per-command timer: a command the dext holds past its deadline (or any, when the run
 * is stuck) is taken back by the kernel (TaskTimeoutOccurred). One path for slots and legacy tasks.
 */
final class Timeouts {
    private final SlotPool pool;
    private final DriverKit dk;
    private final HostBusAdapter hba;
    private final KernelWorkLoop kernel;
    private final Runnable issueMore;

    /**
     * @param kernel    the kernel thread the timeouts run on (it asks {@link #due()} when idle)
     * @param issueMore issues what waits for the slot a timeout frees
     */
    Timeouts(SlotPool pool, HostBusAdapter hba, KernelWorkLoop kernel, Runnable issueMore) {
        this.pool = pool;
        this.dk = pool.dk;
        this.hba = hba;
        this.kernel = kernel;
        this.issueMore = issueMore;
    }

    /** Whether a command's real-time timeout has passed. */
    boolean due() {
        if (!pool.config.realTimeTimeouts() || pool.outstanding.get() == 0) {
            return false;
        }
        long now = System.nanoTime();
        return anyDue(pool.slots, now) || anyDue(pool.tasks, now);
    }

    private static boolean anyDue(InFlight[] all, long now) {
        for (InFlight f : all) {
            if (f.inFlight() && f.deadlineNanos() - now <= 0) {
                return true;
            }
        }
        return false;
    }

    /** Posts the timeouts due at {@code now}; {@code Long.MAX_VALUE}: the run is stuck, every command in flight times out. */
    boolean postDue(long now) {
        boolean stuck = now == Long.MAX_VALUE;
        return postDue(pool.slots, now, stuck) | postDue(pool.tasks, now, stuck); // both: no short circuit
    }

    private boolean postDue(InFlight[] all, long now, boolean stuck) {
        boolean any = false;
        for (InFlight f : all) {
            int gen = f.generation();
            if (f.inFlight() && (now == Long.MAX_VALUE || f.deadlineNanos() - now <= 0)) {
                f.clearDeadline();
                kernel.post("timeout " + f.unit().noun() + " " + f.index(), () -> timeOut(f, gen, stuck));
                any = true;
            }
        }
        return any;
    }

    /** The kernel's timer for a slot or legacy task fires now (scripts call this to race a completion). */
    void fire(InFlight f) {
        kernel.post("timeout " + f.unit().noun() + " " + f.index(), () -> timeOut(f, f.generation(), false));
    }

    /**
     * The kernel completes the command itself. {@code stuck}: nothing else could run, so a command the
     * hardware finished was lost by the dext (CMP-1); a timer racing a completion is no such proof.
     */
    private void timeOut(InFlight f, int gen, boolean stuck) {
        if (!(f.inFlight() && f.generation() == gen)) {
            return;
        }
        ProtocolEvent e = pool.kernelCompletes(f, gen, new Payload.Timeout(f.unit(), f.index(), gen, f.action()), false, () -> f.takeBack(gen));
        if (e == null) {
            return; // a completion came first
        }
        if (stuck && !f.dextCompleted(gen) && hba.finishedAllSince(f.issueSeq())) {
            dk.monitor().violate(Rule.CMP_1, f.unit().noun() + " " + f.index() + " gen " + gen + ": the hardware finished it but the dext"
                    + " never completed it; the kernel had to time it out (lost completion)", Subject.slot(f.index(), gen).withAction(f.action()), e);
        }
        hba.kernelTimedOut(); // a lost interrupt's completion turns up now, late
        issueMore.run();
    }
}
