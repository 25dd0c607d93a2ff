package dev.dextrace.model.replay;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShrinkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** The first run of a systematic search of attempt 2 that shows {@code rule}. */
    static ReplayFile searchedRunShowing(String rule) {
        Exploration.Result r = Exploration.explore(Scenarios.COMPLETION_RACES_SUBMISSION, Catalogue.byName("attempt2-bundled-isr"),
                20, 2000, found -> found.contains(rule));
        return r.first(rule).orElseThrow(() -> new AssertionError("the search does not show " + rule + ": " + r.firstByRule().keySet()))
                .replay();
    }

    /** A seeded (random-order) run of attempt 2 with a violation: many switches, most of them needless. */
    private static ReplayFile seededRunWithAViolation() {
        DesignEntry d = Catalogue.byName("attempt2-bundled-isr");
        Scenario s = Scenarios.COMPLETION_RACES_SUBMISSION;
        for (int seed = 0; seed < 200; seed++) {
            World w = s.load(s.builder(d).twoLanes().controlled(Strategy.seeded(seed)));
            Verdict v = w.run(TIMEOUT);
            if (!v.isClean() && Shrink.switches(w.lanesSinceStart(v)) > 4) {
                return ReplayFile.of(d, s, w, v, v.rules().head());
            }
        }
        throw new AssertionError("no seed of 200 showed a violation with more than 4 switches");
    }

    @Test
    void attempt2sSlot5KeepsItsRuleWithFewerSwitchesAndNamesTheDriversLines() {
        ReplayFile found = searchedRunShowing("SLOT-5");
        Shrink.Result r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> Shrink.shrink(found));
        assertTrue(r.switchesAfter() <= r.switchesBefore(), r.switchesAfter() + " > " + r.switchesBefore());
        assertTrue(r.switchesBefore() <= Shrink.switches(found.lanes()));
        assertEquals(r.switchesAfter(), Shrink.switches(r.replay().lanes()));
        assertTrue(r.replay().replay(TIMEOUT).rules().contains("SLOT-5"), "the kept interleaving replays its rule");
        assertTrue(r.sources().values().stream().anyMatch(s -> s.startsWith("Attempt2BundledIsr.java:")), r.sources()::toString);
    }

    @Test
    void aScheduleWithSwitchesToSpareLosesSome() {
        // Seeded runs switch at random, far more often than a race needs.
        ReplayFile found = seededRunWithAViolation();
        Shrink.Result r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> Shrink.shrink(found));
        assertTrue(r.replay().replay(TIMEOUT).rules().contains(found.expectedRule()));
        assertTrue(Shrink.switches(found.lanes()) > r.switchesAfter(), "seeded " + Shrink.switches(found.lanes()) + ", kept " + r.switchesAfter());
    }

    @Test
    void switchesCountLaneChanges() {
        assertEquals(0, Shrink.switches(List.of()));
        assertEquals(0, Shrink.switches(List.of("a", "a")));
        assertEquals(3, Shrink.switches(List.of("a", "b", "b", "a", "b")));
    }

    @Test
    void candidatesAreShorterPrefixesAndBlockSwaps() {
        List<List<String>> c = Shrink.candidates(List.of("a", "b", "b", "a"));
        assertTrue(c.contains(List.of("a")));
        assertTrue(c.contains(List.of("b", "b", "a", "a")));
        assertFalse(c.contains(List.of("a", "b", "b", "a")));
    }

    @Test
    void aCleanInterleavingIsRefusedWithOneLine() {
        DesignEntry d = Catalogue.byName("bundled-recommended");
        Scenario s = Scenarios.COMPLETION_RACES_SUBMISSION;
        World w = s.load(s.builder(d).twoLanes().controlled(Strategy.seeded(1)));
        Verdict v = w.run(TIMEOUT);
        ReplayFile clean = ReplayFile.of(d, s, w, v, "SLOT-5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shrink.shrink(clean));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("does not show SLOT-5"), e.getMessage());
    }
}
