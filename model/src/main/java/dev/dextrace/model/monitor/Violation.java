package dev.dextrace.model.monitor;

import io.vavr.collection.List;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A rule broken in one run, immutable: which rule, about which slot, generation and action (each
 * possibly absent), on which queue and thread, and the protocol events that led to it, ending with
 * the one that broke the rule.
 */
public record Violation(RuleId rule, String message, Subject about, String queue,
                        String thread, List<ProtocolEvent> events) {

    public OptionalInt slot() {
        return about.slot();
    }

    public OptionalInt generation() {
        return about.generation();
    }

    public Optional<String> action() {
        return about.action();
    }

    /** The event at which the rule broke (the last one kept). */
    public ProtocolEvent trigger() {
        return events.isEmpty() ? null : events.last();
    }

    @Override
    public String toString() {
        return rule.id() + ": " + message + (queue != null ? " [on " + queue + ", thread " + thread + "]" : "");
    }
}
