package dev.dextrace.model.scenario;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.fixtures.DeferredCompletion;
import dev.dextrace.model.results.Results;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueLanesTest {
    private static Results.QueuePairs of(String design) {
        return QueueLanes.of(Catalogue.byName(design), Scenarios.all().toJavaList());
    }

    @Test
    void theUsualInterruptQueueOverlapsDefault() {
        Results.QueuePairs p = of("bundled-recommended");
        assertTrue(p.overlapped().stream().anyMatch(pair -> pair.contains("Default")), p.toString());
        assertTrue(p.neverOverlapped().isEmpty(), p.toString());
    }

    @Test
    void aDesignsTwoQueuesOverlapEachOtherAndThePairSharingALaneIsNamed() {
        Results.QueuePairs p = of("submit-queue-records-late");
        assertTrue(p.overlapped().size() >= 2, p.toString());
        assertTrue(!p.neverOverlapped().isEmpty() && p.neverOverlapped().stream().allMatch(pair -> pair.contains("Default")), p.toString());
    }

    @Test
    void aDesignWithTwoQueuesOfItsOwnGetsTheOtherMappingsAndTheyReadBackByName() {
        var design = Catalogue.byName("submit-queue-records-late");
        List<Scenario> all = QueueLanes.inEveryMapping(design, List.of(Scenarios.COMPLETION_RACES_SUBMISSION));
        assertEquals(List.of("completion-races-submission", "completion-races-submission+lanes-sc", "completion-races-submission+lanes-cc"),
                all.stream().map(Scenario::name).toList());
        assertEquals(new LaneMapping("cc"), Scenarios.byName("completion-races-submission+lanes-cc").laneMapping());
        assertEquals(all.get(2).name(), Scenarios.byName("completion-races-submission+lanes-cc").name());
        assertThrows(IllegalArgumentException.class, () -> Scenarios.byName("completion-races-submission+lanes-x"));
    }

    @Test
    void thePairsOfTheMappingsAnEngineSearchedIncludeThoseTheFirstKeepsOnOneLane() {
        DesignEntry d = DesignEntry.of(DeferredCompletion.class);
        List<Scenario> first = List.of(Scenarios.COMPLETION_RACES_SUBMISSION);
        Results.QueuePairs firstOnly = QueueLanes.of(d, first);
        assertEquals(List.of("CompletionQueue × Default"), firstOnly.neverOverlapped(), firstOnly.toString());
        Results.QueuePairs every = QueueLanes.of(d, QueueLanes.inEveryMapping(d, first));
        assertEquals(List.of("CompletionQueue × Default", "CompletionQueue × InterruptQueue", "Default × InterruptQueue"), every.overlapped());
        assertEquals(List.of(), every.neverOverlapped());
        assertEquals(every, QueueLanes.union(List.of(firstOnly, every)), "what any engine overlapped");
        assertEquals(firstOnly, QueueLanes.union(List.of(firstOnly, Results.QueuePairs.UNKNOWN)));
    }

    @Test
    void aDesignWithOneQueueOfItsOwnNeedsOneMapping() {
        assertEquals(1, QueueLanes.inEveryMapping(Catalogue.byName("bundled-recommended"), List.of(Scenarios.COMPLETION_RACES_SUBMISSION)).size());
    }
}
