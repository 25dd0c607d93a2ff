package dev.dextrace.model.monitor;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;

/**
 * What one run showed, immutable: the violations (a driver that hung or threw is one too: HANG-1, EXC-1,
 * Q-4), and every event in order.
 * {@link #outcome()} is the compact form harnesses grade: {@code "clean"} or the sorted rule IDs.
 */
public record Verdict(List<Violation> violations, List<ProtocolEvent> events,
                      boolean truncated, String endReason) {

    public SortedSet<String> rules() {
        return TreeSet.ofAll(violations.map(v -> v.rule().id()));
    }

    public boolean isClean() {
        return violations.isEmpty();
    }

    /** {@code "clean"}, or the violated rule IDs sorted and joined with commas, e.g. {@code "CMP-1,SLOT-5"}. */
    public String outcome() {
        return isClean() ? "clean" : rules().mkString(",");
    }

    /** The first violation of a rule, if any. */
    public io.vavr.control.Option<Violation> first(String ruleId) {
        return violations.find(v -> v.rule().id().equals(ruleId));
    }

    /** A readable account: each violation with the events that led to it. */
    public String describe() {
        if (isClean()) {
            return "clean (" + events.size() + " events)";
        }
        StringBuilder sb = new StringBuilder();
        for (Violation v : violations) {
            sb.append(v).append('\n');
            v.events().forEach(e -> sb.append("    ").append(e).append('\n'));
        }
        return sb.toString();
    }
}
