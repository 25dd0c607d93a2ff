package dev.dextrace.controlled;

import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.runtime.Strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Follows a prefix of decisions, then runs to completion (no further preemption), and records every
 * decision point: the eligible lanes, the lane that ran last, the pick, and the event the picked
 * lane's step recorded. That record is what the bounded search branches on.
 */
final class PrefixStrategy implements Strategy {
    /** One decision point of a run. */
    record Point(List<String> eligible, String previous, String chosen) {
        /** A pick other than the lane that ran last while that lane could still go on. */
        boolean preempts(String lane) {
            return previous != null && eligible.contains(previous) && !lane.equals(previous);
        }
    }

    private final List<String> prefix;
    private final Strategy tail = Strategy.runToCompletion();
    private final List<Point> points = new ArrayList<>();
    private final List<ProtocolEvent> steps = new ArrayList<>();
    private long eventsAtLastDecision;
    private boolean diverged;

    PrefixStrategy(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    @Override
    public String choose(Decision d) {
        if (!points.isEmpty()) {
            // a step that recorded no event or several has no single footprint: null, which is dependent on everything
            steps.add(d.eventsSinceStart() - eventsAtLastDecision == 1 ? d.lastEvent() : null);
        }
        eventsAtLastDecision = d.eventsSinceStart();
        String pick;
        if (d.index() < prefix.size()) {
            pick = prefix.get(d.index());
            if (!d.eligible().contains(pick)) {
                diverged = true; // the model was not deterministic here; the run goes on and is counted as it is
                pick = tail.choose(d);
            }
        } else {
            pick = tail.choose(d);
        }
        points.add(new Point(d.eligible(), d.previous(), pick));
        return pick;
    }

    List<Point> points() {
        return Collections.unmodifiableList(points);
    }

    /** The event of each decision's step; the last step's is not seen by the strategy, so it is null. */
    List<ProtocolEvent> steps() {
        List<ProtocolEvent> out = new ArrayList<>(steps);
        while (out.size() < points.size()) {
            out.add(null);
        }
        return out;
    }

    boolean diverged() {
        return diverged;
    }
}
