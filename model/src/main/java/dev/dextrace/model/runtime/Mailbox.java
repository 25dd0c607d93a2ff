package dev.dextrace.model.runtime;

/**
 * Something a lane pumps: a dispatch queue, the kernel's work loop, the hardware. A mailbox runs at
 * most one item per {@link #tryRunOne()} and keeps its own serial discipline.
 */
public interface Mailbox {
    String name();

    /** Whether {@link #tryRunOne()} would run something now. */
    boolean hasRunnable();

    /** Runs one item if one is runnable and the mailbox is free; false if there was nothing to do. */
    boolean tryRunOne();

    /** Nothing queued and nothing running: part of "the run has settled". */
    boolean isQuiet();
}
