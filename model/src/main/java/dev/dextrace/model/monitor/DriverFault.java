package dev.dextrace.model.monitor;

/**
 * The driver under test misbehaved in a way that is not a protocol rule: it threw out of a block,
 * deadlocked, or spun past the run's deadline. Recorded as a finding; the run goes on.
 */
public record DriverFault(Kind kind, String message, String queue, String lane) {
    public enum Kind { THREW, DEADLOCKED, HUNG }

    @Override
    public String toString() {
        return kind + " on " + queue + ": " + message;
    }
}
