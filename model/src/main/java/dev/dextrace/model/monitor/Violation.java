package dev.dextrace.model.monitor;

import io.vavr.collection.List;

/**
 * A rule broken in one run, immutable: which rule, about which slot and generation (-1 / 0 when not
 * about a slot), which action, on which queue and thread, and the protocol events that led to it,
 * ending with the one that broke the rule.
 */
public record Violation(RuleId rule, String message, int slot, int generation, String action, String queue,
                        String thread, List<ProtocolEvent> events) {

    /** The event at which the rule broke (the last one kept). */
    public ProtocolEvent trigger() {
        return events.isEmpty() ? null : events.last();
    }

    @Override
    public String toString() {
        return rule.id() + ": " + message + (queue != null ? " [on " + queue + ", thread " + thread + "]" : "");
    }
}
