package dev.dextrace.model.driverkit;

/** DriverKit's {@code IOLib.h} calls a dext busy-waits with: {@link #IODelay}. */
public final class IOLib {
    private IOLib() {
    }

    /**
     * {@code IODelay(microseconds)}: spins for that long, as DriverKit does, so a dext can poll the
     * hardware. Not a protocol event (a controlled run does not switch here), but a stopped run ends
     * the spin with {@code RunAbandoned}: a driver that polls forever is reported (HANG-1) and its
     * thread still ends, where a bare {@code while (true) {}} could only be left spinning.
     *
     * @throws IllegalArgumentException if negative
     */
    public static void IODelay(long microseconds) {
        if (microseconds < 0) {
            throw new IllegalArgumentException("microseconds must be >= 0, was " + microseconds);
        }
        DriverKit dk = DriverKit.current();
        long end = System.nanoTime() + microseconds * 1_000;
        do {
            dk.runtime().abandonIfStopped();
            Thread.onSpinWait();
        } while (System.nanoTime() - end < 0);
    }
}
