package dev.dextrace.model.runtime;

/**
 * Thrown into a thread of the run when the run is stopped (deadline, interruption, settled while the
 * thread still waited). An {@link Error} so that driver code catching {@code Exception} cannot swallow it.
 */
public final class RunAbandoned extends Error {
    public RunAbandoned(String why) {
        super(why, null, false, false);
    }
}
