package dev.dextrace.stress.fork;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds every sample of a fork: a sample whose world is stuck ({@code World.stuck()}: no event for
 * {@code World.STALL} while a block runs) or that has not ended after {@link #SAMPLE_BOUND} is kept as a
 * HANG-1 sample with its stuck threads' driver frames, and the fork is halted. Halting is the only
 * bound that holds for any driver: a thread spinning in plain Java code cannot be stopped, and every
 * further sample of such a design would hang as well. jcstress then reports the fork as a VM error, and
 * the campaign reads the kept sample as the scenario's finding ({@code DesignRun}).
 */
final class Watchdog {
    /** What a halted fork exits with, so its jcstress error names the watchdog. */
    static final int HALT_STATUS = 86;
    /** A sample that makes events but never ends (a livelock) is stopped after this. */
    static final Duration SAMPLE_BOUND = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 100;

    private final Set<Sample> running = ConcurrentHashMap.newKeySet();

    Watchdog() {
        Thread t = new Thread(this::watch, "dextrace-watchdog");
        t.setDaemon(true);
        t.start();
    }

    void started(Sample s) {
        running.add(s);
    }

    void ended(Sample s) {
        running.remove(s);
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            for (Sample s : running) {
                String why = s.stuck(SAMPLE_BOUND);
                if (why != null) {
                    s.keepAsHung(why);
                    System.err.println("dextrace watchdog: " + why + "; the fork is halted (exit " + HALT_STATUS + ")");
                    Runtime.getRuntime().halt(HALT_STATUS);
                }
            }
        }
    }
}
