package dev.dextrace.controlled;

import dev.dextrace.model.runtime.Strategy;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010): every
 * lane gets a random priority of at least {@code depth}; the highest-priority eligible lane runs;
 * at {@code depth - 1} decision indices drawn uniformly from {@code [1, steps]} the lane that ran last
 * drops to priority i (the i-th point drawn), below every initial one. One run then shows a given bug
 * of depth d with probability at least {@link #hitProbability}.
 */
public final class Pct implements Strategy {
    private final Random random;
    private final int depth;
    private final Map<Integer, Integer> changeAt = new HashMap<>();
    private final Map<String, Double> priority = new HashMap<>();

    /**
     * @param steps how many decisions a run takes at most (the k of the bound)
     * @param depth the bug depth aimed at (d); {@code depth - 1} priority change points
     */
    public Pct(long seed, int steps, int depth) {
        if (steps < 1 || depth < 1) {
            throw new IllegalArgumentException("PCT needs steps >= 1 and depth >= 1, was steps " + steps + ", depth " + depth);
        }
        this.random = new Random(seed);
        this.depth = depth;
        Set<Integer> drawn = new LinkedHashSet<>();
        while (drawn.size() < Math.min(depth - 1, steps)) {
            drawn.add(1 + random.nextInt(steps));
        }
        int i = 1;
        for (int at : drawn) {
            changeAt.put(at, i++);
        }
    }

    @Override
    public String choose(Decision d) {
        Integer lowered = changeAt.get(d.index());
        if (lowered != null && d.previous() != null) {
            priority.put(d.previous(), (double) lowered);
        }
        String best = null;
        for (String lane : d.eligible()) {
            // a lane seen for the first time gets a random initial priority in [depth, depth + 1): above every changed one
            double p = priority.computeIfAbsent(lane, l -> depth + random.nextDouble());
            if (best == null || p > priority.get(best)) {
                best = lane;
            }
        }
        return best;
    }

    /** The chance that one run shows a given depth-d bug: at least 1 / (n · k^(d−1)). */
    public static double hitProbability(int lanes, int steps, int depth) {
        return 1.0 / (lanes * Math.pow(steps, depth - 1));
    }

    /** An upper bound on the chance that {@code runs} independent runs all miss a given depth-d bug: (1 − 1/(n·k^(d−1)))^R. */
    public static double missProbability(int lanes, int steps, int depth, long runs) {
        double p = hitProbability(lanes, steps, depth);
        return p >= 1 ? 0 : Math.exp(runs * Math.log1p(-p));
    }
}
