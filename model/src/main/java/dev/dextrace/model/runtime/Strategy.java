package dev.dextrace.model.runtime;

import dev.dextrace.model.monitor.Events;
import dev.dextrace.model.monitor.ProtocolEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Picks which lane proceeds at each switch point of a {@link ControlledScheduler}. Strategies are
 * deterministic given their inputs, so the same strategy on the same world replays the same events.
 */
public interface Strategy {

    /**
     * @param index     how many decisions came before this one
     * @param eligible  lanes that may proceed, in lane creation order, never empty
     * @param previous  the lane that ran last, or null
     * @param lastEvent the newest event of the run (null if none yet); events come one per switch point
     * @param eventsSinceStart how many events the run recorded since the lanes started
     */
    record Decision(int index, List<String> eligible, String previous, ProtocolEvent lastEvent, long eventsSinceStart) {
    }

    String choose(Decision d);

    /** Like a uniprocessor without preemption: keep running the lane that ran last, else the first. */
    static Strategy runToCompletion() {
        return d -> d.previous() != null && d.eligible().contains(d.previous()) ? d.previous() : d.eligible().get(0);
    }

    /**
     * Run to completion, except at decision {@code at}, where another eligible lane than the one that
     * ran last is picked ({@code alternative} chooses which). Enumerating {@code at} over a run's
     * decisions is a preemption-bounded search with bound 1 (as in CHESS): it finds every bug that
     * needs one ill-timed switch, such as a completion overtaking the rest of Process.
     */
    static Strategy preemptOnce(int at, int alternative) {
        Strategy base = runToCompletion();
        return d -> {
            if (d.index() == at) {
                List<String> others = d.eligible().stream().filter(l -> !l.equals(d.previous())).toList();
                if (!others.isEmpty()) {
                    return others.get(Math.floorMod(alternative, others.size()));
                }
            }
            return base.choose(d);
        };
    }

    /** A uniformly random eligible lane at every switch point; the seed fixes the order. */
    static Strategy seeded(long seed) {
        Random random = new Random(seed);
        return d -> d.eligible().get(random.nextInt(d.eligible().size()));
    }

    /**
     * Re-executes a recorded interleaving: before the k-th event the lane that recorded the k-th
     * event proceeds. Where that lane cannot proceed, run to completion.
     */
    static Strategy followLanes(List<String> laneOfEachEvent) {
        List<String> lanes = List.copyOf(laneOfEachEvent);
        Strategy fallback = runToCompletion();
        return d -> {
            long k = d.eventsSinceStart();
            if (k < lanes.size() && d.eligible().contains(lanes.get((int) k))) {
                return lanes.get((int) k);
            }
            return fallback.choose(d);
        };
    }

    /** A script of steps ("Default runs until it starts the hardware for slot 5, then ..."), matched with {@link Events}. */
    static Script script() {
        return new Script();
    }

    /** Steps, each: one lane runs until it records an event that matches; then the next step. */
    final class Script implements Strategy {
        private record Step(String lane, Predicate<ProtocolEvent> until, String description) {
        }

        private final List<Step> steps = new ArrayList<>();
        private final Strategy fallback = runToCompletion();
        private int current;
        private long seenSeq = -1;

        /** {@code lane} runs until it has recorded an event for which {@code until} holds. */
        public Script run(String lane, Predicate<ProtocolEvent> until, String description) {
            steps.add(new Step(lane, until, description));
            return this;
        }

        /** {@code lane} runs until it records an event {@code until} matches, e.g. {@code Events.hardwareStart(0)}. */
        public Script run(String lane, Events.Matcher until) {
            return run(lane, until, "until " + until.description());
        }

        @Override
        public String choose(Decision d) {
            ProtocolEvent e = d.lastEvent();
            if (e != null && e.seq() != seenSeq) {
                seenSeq = e.seq();
                if (current < steps.size() && steps.get(current).lane().equals(e.lane()) && steps.get(current).until().test(e)) {
                    current++;
                }
            }
            if (current < steps.size() && d.eligible().contains(steps.get(current).lane())) {
                return steps.get(current).lane();
            }
            return fallback.choose(d);
        }

        /** Steps not reached: a test asserts this is empty so a script that stopped matching fails loudly. */
        public List<String> unreachedSteps() {
            return steps.subList(Math.min(current, steps.size()), steps.size()).stream()
                    .map(s -> s.lane() + " " + s.description()).toList();
        }
    }
}
