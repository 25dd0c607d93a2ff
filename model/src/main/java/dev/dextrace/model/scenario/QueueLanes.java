package dev.dextrace.model.scenario;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.runtime.Lane;
import dev.dextrace.model.runtime.Mailbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which of a design's queues the engines can run at the same time. Every engine runs a world on two lanes
 * (jcstress has two actors), mapped per world as {@code TwoLanes} says: queues on one lane take turns, so a race
 * between them is invisible in that mapping. A design with two or more queues of its own needs more than one
 * mapping for every pair to overlap in some run; {@link #inEveryMapping} adds them, and every engine searches
 * them. Found by running each of the design's scenarios once to completion (a few ms a design).
 */
public final class QueueLanes {
    private static final Duration PROBE = Duration.ofSeconds(5);
    private static final List<String> NOT_QUEUES = List.of("kernel", "hardware");

    private QueueLanes() {
    }

    /**
     * The design's queue pairs that {@code scenarios}, each in its own lane mapping, put on two lanes (overlapped) or
     * only ever on one; empty lists when it could not be run (its fault shows elsewhere). An engine passes the
     * scenarios it searched ({@link #inEveryMapping}); the scenarios as selected give the first mapping's pairs.
     */
    public static Results.QueuePairs of(DesignEntry design, List<Scenario> scenarios) {
        TreeSet<String> apart = new TreeSet<>();
        TreeSet<String> together = new TreeSet<>();
        for (Map<String, String> laneOf : probes(design, scenarios, false)) {
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

    /** The pairs any of {@code each} overlapped (an engine's, say), and those none did. */
    public static Results.QueuePairs union(Collection<Results.QueuePairs> each) {
        TreeSet<String> overlapped = new TreeSet<>();
        TreeSet<String> never = new TreeSet<>();
        each.forEach(p -> {
            overlapped.addAll(p.overlapped());
            never.addAll(p.neverOverlapped());
        });
        never.removeAll(overlapped);
        return new Results.QueuePairs(List.copyOf(overlapped), List.copyOf(never));
    }

    /**
     * The scenarios, then, for a design with two or more queues of its own, the same scenarios in every other lane
     * mapping of them ({@link LaneMapping#others}): each set of its queues runs opposite Default in one of them.
     */
    public static List<Scenario> inEveryMapping(DesignEntry design, List<Scenario> scenarios) {
        int own = probes(design, scenarios, true).stream().mapToInt(laneOf -> (int) laneOf.keySet().stream()
                .filter(q -> !q.equals(IODispatchQueue.DEFAULT) && !q.endsWith(IODispatchQueue.CONCURRENT_SUFFIX)).count()).max().orElse(0);
        List<Scenario> all = new ArrayList<>(scenarios);
        for (LaneMapping m : LaneMapping.others(own)) {
            for (Scenario s : scenarios) {
                if (s.laneMapping().equals(LaneMapping.FIRST)) {
                    all.add(s.inLaneMapping(m));
                }
            }
        }
        return List.copyOf(all);
    }

    /** Each queue's lane, per scenario of the design (in the first mapping only if {@code firstOnly}), one run each without preemption. */
    private static List<Map<String, String>> probes(DesignEntry design, List<Scenario> scenarios, boolean firstOnly) {
        return scenarios.stream().filter(s -> s.appliesTo(design) && (!firstOnly || s.laneMapping().equals(LaneMapping.FIRST)))
                .map(s -> probe(design, s)).flatMap(Optional::stream).toList();
    }

    /** Each queue's lane in one run of the scenario; empty if the design cannot be loaded. */
    private static Optional<Map<String, String>> probe(DesignEntry design, Scenario s) {
        World w;
        try {
            w = s.loadWithoutPreemption(design);
            w.run(PROBE);
        } catch (RuntimeException e) {
            return Optional.empty(); // a design that throws while loading is a finding of the engines, not of this probe
        }
        Map<String, String> laneOf = new TreeMap<>();
        for (Lane lane : w.runtime().lanes()) {
            for (Mailbox m : lane.mailboxes()) {
                if (!NOT_QUEUES.contains(m.name())) {
                    laneOf.put(m.name(), lane.name());
                }
            }
        }
        return Optional.of(laneOf);
    }
}
