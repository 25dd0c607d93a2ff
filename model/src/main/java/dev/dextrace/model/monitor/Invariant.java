package dev.dextrace.model.monitor;

/**
 * A rule checked over the event stream, one instance per run. The protocol's own rules are checked
 * where they can be observed (inside the model); an invariant is how a user adds one without editing
 * the model: one class, registered with {@code World.Builder.invariant(...)}, plus one test. It
 * matches on the event's {@link Payload} (pattern matching on the sealed type, or {@link Events}).
 *
 * <p>{@link #onEvent} is called after every event, on the thread that caused it, one call at a time
 * per invariant instance (the monitor serializes calls to one invariant, never around driver code).
 */
public interface Invariant {

    /** Files a violation of this invariant's rule at the current event. */
    interface Reporter {
        void violation(RuleId rule, String message, Subject about);

        /** A violation about no slot and no action. */
        default void violation(RuleId rule, String message) {
            violation(rule, message, Subject.NONE);
        }
    }

    void onEvent(ProtocolEvent event, Reporter reporter);

    /** Called once when the run has ended; for rules about what never happened. */
    default void onRunEnd(Reporter reporter) {
    }
}
