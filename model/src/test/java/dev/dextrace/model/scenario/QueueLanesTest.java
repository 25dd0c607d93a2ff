package dev.dextrace.model.scenario;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.results.Results;
import org.junit.jupiter.api.Test;

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
}
