package dev.dextrace.bench;

import dev.dextrace.model.World;

import java.util.concurrent.locks.LockSupport;

/**
 * A second thread that runs one lane of each world it is handed, as jcstress's second actor does:
 * the benchmark thread builds a world, hands it over, runs the other lane itself and waits for this
 * one. Waiting spins briefly, then parks for short periods, as the model's own lanes do.
 */
public final class Partner implements AutoCloseable {
    private static final int SPINS = 2_000;
    private static final long PARK_NANOS = 20_000;

    private final String lane;
    private final Thread thread;
    private volatile World work;
    private volatile boolean busy;
    private volatile boolean closed;
    private volatile Throwable failure;

    /** @param lane the lane this partner runs in every world, e.g. {@link World#COMPLETER} */
    public Partner(String lane) {
        this.lane = lane;
        this.thread = new Thread(this::loop, "bench-partner-" + lane);
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a started world over; the partner runs its lane until the run settles. */
    public void runLane(World w) {
        if (busy) {
            throw new IllegalStateException("the partner is still running the previous world's lane");
        }
        busy = true;
        work = w;
        LockSupport.unpark(thread);
    }

    /** Waits until the partner's lane of the world last handed over has exited. */
    public void await() {
        for (int i = 0; busy; i++) {
            backoff(i);
        }
        Throwable t = failure;
        if (t != null) {
            failure = null;
            throw new IllegalStateException("the partner's lane failed: " + t, t);
        }
    }

    private void loop() {
        for (int i = 0; !closed; ) {
            World w = work;
            if (w == null) {
                backoff(i++);
                continue;
            }
            i = 0;
            work = null;
            try {
                w.lane(lane).run();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                busy = false;
            }
        }
    }

    private static void backoff(int i) {
        if (i < SPINS) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
