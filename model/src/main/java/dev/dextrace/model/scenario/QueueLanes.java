package dev.dextrace.model.scenario;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.runtime.Lane;
import dev.dextrace.model.runtime.Mailbox;
import dev.dextrace.model.runtime.Strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which of a design's queues the engines can run at the same time. Every engine runs a world on two lanes
 * (jcstress has two actors), mapped per world as {@code TwoLanes} says: queues on one lane take turns, so a race
 * between them is invisible to every engine. This says which pairs overlap and which never do, so a clean verdict
 * is not read as covering a pair it never tried. Found by running each of the design's scenarios once to completion.
 */
public final class QueueLanes {
    private static final Duration PROBE = Duration.ofSeconds(5);
    private static final List<String> NOT_QUEUES = List.of("kernel", "hardware");

    private QueueLanes() {
    }

    /** The design's queue pairs over its scenarios; empty lists when it could not be run (its fault shows elsewhere). */
    public static Results.QueuePairs of(DesignEntry design, List<Scenario> scenarios) {
        TreeSet<String> apart = new TreeSet<>();
        TreeSet<String> together = new TreeSet<>();
        for (Scenario s : scenarios) {
            if (!s.appliesTo(design)) {
                continue;
            }
            Map<String, String> laneOf = new TreeMap<>();
            try {
                World w = s.load(s.builder(design).twoLanes().controlled(Strategy.runToCompletion()));
                w.run(PROBE);
                for (Lane lane : w.runtime().lanes()) {
                    for (Mailbox m : lane.mailboxes()) {
                        if (!NOT_QUEUES.contains(m.name())) {
                            laneOf.put(m.name(), lane.name());
                        }
                    }
                }
            } catch (RuntimeException e) {
                continue; // a design that throws while loading is a finding of the engines, not of this probe
            }
            List<String> queues = new ArrayList<>(laneOf.keySet());
            for (int i = 0; i < queues.size(); i++) {
                for (int j = i + 1; j < queues.size(); j++) {
                    String pair = queues.get(i) + " × " + queues.get(j);
                    (laneOf.get(queues.get(i)).equals(laneOf.get(queues.get(j))) ? together : apart).add(pair);
                }
            }
        }
        together.removeAll(apart); // a pair apart in one scenario overlaps there
        return new Results.QueuePairs(List.copyOf(apart), List.copyOf(together));
    }
}
