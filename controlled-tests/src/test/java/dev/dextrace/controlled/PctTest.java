package dev.dextrace.controlled;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCT's probability bound, and PCT as a strategy. */
class PctTest {
    @Test
    void oneRunHitsADepthDBugWithProbabilityOneOverNTimesKToTheDMinusOne() {
        assertEquals(0.5, Pct.hitProbability(2, 50, 1), 1e-15);
        assertEquals(1.0 / (2 * 10), Pct.hitProbability(2, 10, 2), 1e-15);
        assertEquals(1.0 / (3 * 100.0 * 100.0), Pct.hitProbability(3, 100, 3), 1e-18);
    }

    @Test
    void rRunsMissWithProbabilityAtMostOneMinusThatToTheR() {
        assertEquals(0.125, Pct.missProbability(2, 10, 1, 3), 1e-15);
        assertEquals(Math.pow(1 - 1.0 / 20, 7), Pct.missProbability(2, 10, 2, 7), 1e-15);
        assertEquals(1.0, Pct.missProbability(2, 10, 3, 0), 0);
        // no runs, no assurance; more runs, less chance to miss; a deeper bug is likelier to be missed
        assertTrue(Pct.missProbability(2, 90, 3, 100) < Pct.missProbability(2, 90, 3, 10));
        assertTrue(Pct.missProbability(2, 90, 2, 100) < Pct.missProbability(2, 90, 3, 100));
        // log1p keeps tiny per-run probabilities exact where 1 - p would round to 1: 1e6 runs at p = 1e-12 miss with 1 - 1e-6
        assertEquals(1 - 1e-6, Pct.missProbability(1, 1_000_000, 3, 1_000_000), 1e-12);
        // a single lane: every run hits
        assertEquals(0.0, Pct.missProbability(1, 5, 1, 1), 0);
    }

    @Test
    void theSameSeedPicksTheSameLanes() {
        Synthetic world = Synthetic.allDependent(4, 4, 3);
        List<List<String>> a = new ArrayList<>();
        List<List<String>> b = new ArrayList<>();
        world.run(new Pct(7, 11, 3), a::add);
        world.run(new Pct(7, 11, 3), b::add);
        assertEquals(a, b);
    }

    @Test
    void depthOneRunsEachLaneToTheEndInPriorityOrder() {
        // no change points: the highest priority lane runs until it has no step left, then the next
        List<List<String>> order = new ArrayList<>();
        Synthetic.allDependent(3, 3).run(new Pct(1, 6, 1), order::add);
        List<String> o = order.get(0);
        assertEquals(1, java.util.stream.IntStream.range(1, o.size()).filter(i -> !o.get(i).equals(o.get(i - 1))).count(), o::toString);
    }

    @Test
    void findsAttempt2sRaceOnTheModel() {
        DesignEntry d = Catalogue.byName("attempt2-bundled-isr");
        Scenario s = Scenarios.COMPLETION_RACES_SUBMISSION;
        int hits = 0;
        for (long seed = 0; seed < 200; seed++) {
            Verdict v = s.load(s.builder(d).twoLanes().controlled(new Pct(seed, 100, 2))).run(Duration.ofSeconds(20));
            hits += v.rules().contains("SLOT-5") ? 1 : 0;
        }
        assertTrue(hits > 0, "no PCT run of 200 showed SLOT-5");
    }

    @Test
    void badParametersAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Pct(0, 0, 2));
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
    }
}
