package dev.dextrace.model.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Real concurrency: every lane runs whenever the OS lets it, as queues do on a Mac. Waiting spins
 * briefly, then parks for short periods; no lock is taken around driver code.
 */
public final class FreeRunningScheduler implements Scheduler {
    private static final int SPINS = 2_000;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private volatile ModelRuntime runtime;

    @Override
    @AtomicStep("the free-running scheduler's switch point does nothing a search could interleave with")
    public void switchPoint() {
        ModelRuntime rt = runtime;
        if (rt != null && rt.stopped() && isLane()) {
            throw new RunAbandoned("run stopped: " + rt.stopReason());
        }
    }

    private static boolean isLane() {
        return Thread.currentThread().getName().startsWith("dextrace-") || LaneMark.get();
    }

    @Override
    public void await(BooleanSupplier ready, String what) {
        for (int i = 0; !ready.getAsBoolean(); i++) {
            ModelRuntime rt = runtime;
            if (rt != null && rt.stopped()) {
                throw new RunAbandoned("run stopped while waiting for " + what + ": " + rt.stopReason());
            }
            backoff(i);
        }
    }

    @Override
    public boolean idle(Lane lane) {
        ModelRuntime rt = runtime;
        idle.incrementAndGet();
        try {
            for (int i = 0; ; i++) {
                if (rt.stopped()) {
                    return false;
                }
                if (lane.hasWork()) {
                    return true;
                }
                if (idle.get() >= active.get() && rt.allQuiet()) {
                    if (rt.settled()) {
                        return false;
                    }
                    if (rt.quiescent()) {
                        continue;
                    }
                }
                backoff(i);
            }
        } finally {
            idle.decrementAndGet();
        }
    }

    private static void backoff(int i) {
        if (i < SPINS) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(20_000);
        }
    }

    @Override
    @AtomicStep("wakes idle lanes")
    public void signal() {
        // waiters poll; nothing to wake
    }

    @Override
    public void laneStarted(Lane lane) {
        LaneMark.set(true);
        active.incrementAndGet();
    }

    @Override
    public void laneExited(Lane lane) {
        active.decrementAndGet();
        LaneMark.set(false);
    }

    @Override
    public void attach(ModelRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void begin(ModelRuntime runtime) {
        // lanes run as soon as they start
    }

    /** Marks threads the caller lent to a lane (jcstress actors), so a stop unwinds them too. */
    private static final class LaneMark {
        private static final ThreadLocal<Boolean> MARK = ThreadLocal.withInitial(() -> false);

        static boolean get() {
            return MARK.get();
        }

        static void set(boolean b) {
            MARK.set(b);
        }
    }
}
