package dev.dextrace.model.runtime;

import dev.dextrace.model.monitor.EventSite;

import java.util.function.BooleanSupplier;

/**
 * Decides which thread proceeds. {@link FreeRunningScheduler}: all at once, as on a Mac.
 * {@link ControlledScheduler}: one at a time, switching only at protocol events, in an order a
 * {@link Strategy} picks, so the same order replays the same events.
 */
public interface Scheduler extends EventSite {
    /** Called by a thread just before it records a protocol event. */
    @Override
    void switchPoint();

    @Override
    default String currentLane() {
        return ExecutionContext.current().lane();
    }

    @Override
    default String currentQueue() {
        return ExecutionContext.current().queue();
    }

    @Override
    default String currentPlace() {
        return ExecutionContext.current().place();
    }

    /** Blocks the caller until {@code ready} holds. Throws {@link RunAbandoned} if the run stops first. */
    void await(BooleanSupplier ready, String what);

    /** The lane found nothing to run. Returns false when the lane should exit (the run settled or stopped). */
    boolean idle(Lane lane);

    /**
     * Only one lane proceeds at a time and only at switch points, so real time passing changes nothing another lane
     * could see (a busy-wait need not burn it): the controlled scheduler.
     */
    default boolean oneLaneAtATime() {
        return false;
    }

    /** Work was added or a queue was released. */
    void signal();

    void laneStarted(Lane lane);

    void laneExited(Lane lane);

    /** A lane was made while the run goes on; a controlled scheduler waits until its thread has joined. */
    default void laneCreated(Lane lane) {
    }

    /** Called once by the runtime that owns this scheduler, before any lane exists. */
    void attach(ModelRuntime runtime);

    /** Lets the lanes go (they wait for this after {@link ModelRuntime#start()} created them). */
    void begin(ModelRuntime runtime);
}
