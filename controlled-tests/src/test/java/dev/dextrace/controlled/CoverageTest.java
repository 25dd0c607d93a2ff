package dev.dextrace.controlled;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageTest {
    private static ProtocolEvent write(long seq, String lane, int slot) {
        return new ProtocolEvent(seq, lane, null, new Payload.SlotAccess(true, slot, OptionalInt.of(1), "fTargetID", Optional.of(lane)));
    }

    @Test
    void aRaceIsSeenBothWaysOnlyWhenBothOrdersRan() {
        Coverage c = new Coverage();
        c.add(List.of(write(0, "A", 0), write(1, "B", 0), write(2, "B", 1)));
        assertEquals(1, c.races(), c::toString);
        assertEquals(0, c.racesBothWays(), c::toString);
        c.add(List.of(write(0, "B", 0), write(1, "A", 0)));
        assertEquals(2, c.races(), c::toString);
        assertEquals(2, c.racesBothWays(), c::toString);
        assertEquals(1, c.kindsSeen());
    }

    @Test
    void eventsOfOneLaneOrOfDifferentPlacesAreNoRace() {
        Coverage c = new Coverage();
        c.add(List.of(write(0, "A", 0), write(1, "A", 0), write(2, "B", 1)));
        assertEquals(0, c.races(), c::toString);
    }

    @Test
    void aHigherBoundTriesMoreRacesBothWays() {
        Coverage.Summary at0 = coverage(new ControlledSearch.Budget("bound 0", 0, 0, 1, 1_000, true));
        Coverage.Summary at1 = coverage(new ControlledSearch.Budget("bound 1", 1, 0, 1, 1_000, true));
        assertTrue(at1.racesBothWays() > at0.racesBothWays(), at0 + " at bound 0, " + at1 + " at bound 1");
        assertTrue(at1.races() >= at0.races(), at0 + " at bound 0, " + at1 + " at bound 1");
    }

    private static Coverage.Summary coverage(ControlledSearch.Budget budget) {
        return ControlledSearch.run(Catalogue.byName("bundled-recommended"), List.of(Scenarios.COMPLETION_RACES_SUBMISSION), budget, s -> { })
                .statements().get(0).coverage();
    }
}
