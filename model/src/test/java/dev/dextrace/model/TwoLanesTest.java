package dev.dextrace.model;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.replay.Exploration;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-lane mapping lets any two queues the dext created overlap, and a race between them is found. */
class TwoLanesTest {
    @Test
    void kernelAndDefaultSubmitHardwareCompletesDextQueuesAlternate() {
        TwoLanes lanes = new TwoLanes(LaneMapping.FIRST);
        assertEquals(World.SUBMITTER, lanes.apply("kernel"));
        assertEquals(World.SUBMITTER, lanes.apply(IODispatchQueue.DEFAULT));
        assertEquals(World.COMPLETER, lanes.apply("hardware"));
        String first = lanes.apply(IODispatchQueue.INTERRUPT);
        String second = lanes.apply("SubmitQueue");
        assertEquals(World.COMPLETER, first, "the first queue of the dext races Default");
        assertNotEquals(first, second, "two queues of the dext race each other");
        assertEquals(first, lanes.apply(IODispatchQueue.INTERRUPT), "a queue keeps its lane");
        assertEquals(World.COMPLETER, lanes.apply(IODispatchQueue.DEFAULT + IODispatchQueue.CONCURRENT_SUFFIX),
                "concurrent blocks of Default run beside its serial blocks");
        assertEquals(World.SUBMITTER, lanes.apply(IODispatchQueue.INTERRUPT + IODispatchQueue.CONCURRENT_SUFFIX));
    }

    @Test
    void everySetOfThreeQueuesOfTheDextRunsOppositeDefaultInOneMapping() {
        List<String> own = List.of("First", "Second", "Third");
        List<LaneMapping> mappings = new java.util.ArrayList<>(List.of(LaneMapping.FIRST));
        mappings.addAll(LaneMapping.others(3));
        assertEquals(7, mappings.size(), "every non-empty set of three queues on the completer, once");
        java.util.Set<java.util.Set<String>> opposite = new java.util.HashSet<>();
        for (LaneMapping m : mappings) {
            TwoLanes lanes = new TwoLanes(m);
            lanes.apply(IODispatchQueue.DEFAULT);
            opposite.add(java.util.Set.copyOf(own.stream().filter(q -> lanes.apply(q).equals(World.COMPLETER)).toList()));
        }
        assertEquals(7, opposite.size(), opposite::toString);
        assertEquals(List.of(), LaneMapping.others(1), "one queue of its own: the first mapping is all there is");
        assertEquals(List.of(new LaneMapping("sc"), new LaneMapping("cc")), LaneMapping.others(2));
        assertEquals(6, LaneMapping.others(5).size(), "queues beyond the third alternate");
    }

    @Test
    void aMappingIsUpToThreeLettersAndParsesBackFromAScenarioName() {
        assertEquals(new LaneMapping.Named("completion-races-submission", new LaneMapping("sc")),
                LaneMapping.parse("completion-races-submission" + new LaneMapping("sc").suffix()));
        assertEquals(new LaneMapping.Named("legacy-path", LaneMapping.FIRST), LaneMapping.parse("legacy-path"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new LaneMapping("cx"));
        assertTrue(e.getMessage().contains("letters c (completer) or s (submitter)"), e.getMessage());
    }

    @Test
    void aRaceBetweenTwoQueuesOfTheDextIsFound() {
        DesignEntry racy = Catalogue.byName("submit-queue-records-late");
        Exploration.Result r = Exploration.explore(Scenarios.COMPLETION_RACES_SUBMISSION, racy, 0, 200,
                seen -> seen.contains("CMP-1"));
        assertTrue(r.firstByRule().containsKey("CMP-1"), () -> "found " + r.firstByRule().keySet());
        // the one-queue version of the same design, the catalogue's correct one, stays clean in that search
        DesignEntry correct = Catalogue.byName("bundled-recommended");
        assertTrue(Exploration.explore(Scenarios.COMPLETION_RACES_SUBMISSION, correct, 0, 200, seen -> false).firstByRule().isEmpty());
    }
}
