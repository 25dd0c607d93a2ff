package dev.dextrace.engine;

import java.time.Duration;

/**
 * An engine's share of the campaign's time, spent a design at a time. A design is started only while it is
 * expected to end inside the share: what the designs searched so far cost per scenario, times the next design's
 * scenarios. Checking only "is time left" let the last design started run past the share by a whole design's
 * search (Lincheck's 90 s share ended after 105 s). The first design always starts: an engine with a share
 * searches at least one.
 */
public record Share(Duration length) {
    public Share {
        if (length.isNegative()) {
            throw new IllegalArgumentException("--share must not be negative, was " + length);
        }
    }

    /**
     * @param elapsed       time since the engine started searching
     * @param scenariosDone scenarios of the designs finished so far (0 before the first design)
     * @param next          scenarios of the design to start
     */
    public boolean admits(Duration elapsed, int scenariosDone, int next) {
        if (scenariosDone == 0) {
            return true;
        }
        long expected = elapsed.toMillis() / scenariosDone * next;
        return elapsed.toMillis() + expected <= length.toMillis();
    }
}
