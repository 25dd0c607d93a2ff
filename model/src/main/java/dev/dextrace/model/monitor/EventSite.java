package dev.dextrace.model.monitor;

/**
 * What the monitor needs of the runtime that runs the model: a switch point before each event, and
 * where the recording thread is. Declared here so the monitor does not depend on the runtime (whose
 * strategies read the monitor's events); the runtime's {@code Scheduler} provides it.
 */
public interface EventSite {
    /** Called by a thread just before it records a protocol event: a controlled run may switch threads here. */
    void switchPoint();

    /** The lane the calling thread is. */
    String currentLane();

    /** The queue whose block the calling thread runs, or null. */
    String currentQueue();

    /** Where the calling thread runs, for display: its queue, else the mailbox running it (the kernel), else its lane. */
    default String currentPlace() {
        return currentQueue() != null ? currentQueue() : currentLane();
    }
}
