package dev.dextrace.model.runtime;

/**
 * Thrown into the thread that closed a cycle of synchronous waits. On a Mac that thread would
 * hang forever; here its block is abandoned so the run can end in kernel timeouts, as the seed did.
 */
public final class DeadlockDetected extends Error {
    public DeadlockDetected(String cycle) {
        super(cycle, null, false, false);
    }
}
