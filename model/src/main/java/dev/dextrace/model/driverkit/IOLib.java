package dev.dextrace.model.driverkit;

/** DriverKit's {@code IOLib.h} calls a dext busy-waits with: {@link #IODelay}. */
public final class IOLib {
    private IOLib() {
    }

    /**
     * {@code IODelay(microseconds)}: spins for that long, as DriverKit does, so a dext can poll the
     * hardware. Not a protocol event (a controlled run does not switch here), but a stopped run ends
     * the spin with {@code RunAbandoned}: a driver that polls forever is reported (HANG-1) and its
     * thread still ends, where a bare {@code while (true) {}} could only be left spinning. Under a scheduler that runs
     * one lane at a time no other lane moves while this one waits, so the delay passes at once there: a poll loop
     * costs its switch points, not its microseconds (spinning-process's HANG-1 took ~0.5 s per controlled run).
     *
     * @throws IllegalArgumentException if negative
     */
    public static void IODelay(long microseconds) {
        if (microseconds < 0) {
            throw new IllegalArgumentException("microseconds must be >= 0, was " + microseconds);
        }
        DriverKit dk = DriverKit.current();
        if (dk.runtime().scheduler().oneLaneAtATime()) {
            dk.runtime().abandonIfStopped();
            return;
        }
        long end = System.nanoTime() + microseconds * 1_000;
        do {
            dk.runtime().abandonIfStopped();
            Thread.onSpinWait();
        } while (System.nanoTime() - end < 0);
    }
}
