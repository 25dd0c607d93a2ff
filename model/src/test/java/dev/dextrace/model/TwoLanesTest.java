package dev.dextrace.model;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.replay.Exploration;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-lane mapping lets any two queues the dext created overlap, and a race between them is found. */
class TwoLanesTest {
    @Test
    void kernelAndDefaultSubmitHardwareCompletesDextQueuesAlternate() {
        TwoLanes lanes = new TwoLanes();
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
