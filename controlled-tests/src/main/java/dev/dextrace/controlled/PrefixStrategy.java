package dev.dextrace.controlled;

import dev.dextrace.model.runtime.ControlledScheduler;
import dev.dextrace.model.runtime.Scheduler;
import dev.dextrace.model.runtime.Strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

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
    private final List<Step> steps = new ArrayList<>();
    private long eventsAtLastDecision;
    private boolean diverged;
    /** The scheduler's signal count ({@link ControlledScheduler#signals()}), or -1 when unknown: every step may post. */
    private LongSupplier signals = () -> -1;
    private long signalsAtLastDecision;

    PrefixStrategy(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    @Override
    public String choose(Decision d) {
        long now = signals.getAsLong();
        if (!points.isEmpty()) {
            String lane = points.get(points.size() - 1).chosen();
            long events = d.eventsSinceStart() - eventsAtLastDecision;
            boolean posts = now < 0 || now != signalsAtLastDecision;
            // several events in one step have no single footprint: unknown, which is dependent on everything
            steps.add(events == 0 ? Step.silent(lane, posts) : events == 1 ? Step.of(lane, d.lastEvent(), posts) : Step.unknown(lane));
        }
        eventsAtLastDecision = d.eventsSinceStart();
        signalsAtLastDecision = now;
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

    /** Watches the scheduler of the world this strategy runs, so each step says whether it may have posted work. */
    PrefixStrategy watch(Scheduler scheduler) {
        if (scheduler instanceof ControlledScheduler c) {
            signals = c::signals;
        }
        return this;
    }

    List<Point> points() {
        return Collections.unmodifiableList(points);
    }

    /** The step taken after each decision; the last one is not seen by the strategy, so it is unknown. */
    List<Step> steps() {
        List<Step> out = new ArrayList<>(steps);
        while (out.size() < points.size()) {
            out.add(Step.unknown(points.get(out.size()).chosen()));
        }
        return out;
    }

    boolean diverged() {
        return diverged;
    }
}
