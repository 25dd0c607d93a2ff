package dev.dextrace.model.monitor;

/**
 * A rule checked over the event stream, one instance per run. The protocol's own rules are checked
 * where they can be observed (inside the model); an invariant is how a user adds one without editing
 * the model: one class plus one test. It matches on the event's {@link Payload} (pattern matching on the
 * sealed type, or {@link Events}) and files violations only under the rules {@link #rules()} declares.
 *
 * <p>Registered once, every engine runs it: on a design ({@code @DriverDesign(invariants = ...)}) or for the whole
 * project (a line in {@code META-INF/services/dev.dextrace.model.monitor.Invariant}); a scripted test may add it to
 * one world with {@code World.Builder.invariant(...)}. A registered class needs a public no-argument constructor:
 * every run gets a fresh instance (see {@link RegisteredInvariant}).
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

    /**
     * The rules this invariant files, each with its ID and one-sentence meaning (typically constants of the class,
     * also passed to {@link Reporter#violation}). A design's {@code violates} may name them; filing another is an error.
     */
    java.util.List<RuleId.Custom> rules();

    void onEvent(ProtocolEvent event, Reporter reporter);

    /** Called once when the run has ended; for rules about what never happened. */
    default void onRunEnd(Reporter reporter) {
    }
}
