package dev.dextrace.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Which lane each queue the dext creates runs on, in a world of two lanes ({@link TwoLanes}). The first mapping,
 * every engine's, alternates in creation order (first queue: completer, opposite Default). Another mapping names
 * the lane of the first queues by letter, {@code c} (completer) or {@code s} (submitter, with Default), in creation
 * order; later queues alternate. With two lanes, queues on one lane take turns, so a race among queues that one
 * mapping puts on one lane shows only in another: {@link #others} lists, for a design with k queues of its own,
 * the mappings that put each of its first {@value #ENUMERATED} queues on either lane in every combination.
 */
public record LaneMapping(String letters) {
    /** The engines' mapping: the dext's queues alternate, the first opposite Default. */
    public static final LaneMapping FIRST = new LaneMapping("");
    /** Queues beyond this many alternate in every mapping: 2^k mappings would make a search 2^k times longer. */
    public static final int ENUMERATED = 3;
    private static final String PREFIX = "+lanes-";

    public LaneMapping {
        if (letters == null || !letters.matches("[cs]{0," + ENUMERATED + "}")) {
            throw new IllegalArgumentException("a lane mapping is up to " + ENUMERATED + " letters c (completer) or s (submitter), was '" + letters + "'");
        }
    }

    /** The lane of the dext's k-th queue (k = 1, 2, ... in creation order). */
    String laneOf(int k) {
        if (k <= letters.length()) {
            return letters.charAt(k - 1) == 'c' ? World.COMPLETER : World.SUBMITTER;
        }
        return k % 2 == 1 ? World.COMPLETER : World.SUBMITTER;
    }

    /** What a scenario's name gets in this mapping: nothing for the first, else e.g. {@code +lanes-cc}. */
    public String suffix() {
        return letters.isEmpty() ? "" : PREFIX + letters;
    }

    /** Splits {@code name} into the scenario's own name and its mapping; a name without a suffix is in the first. */
    public static Named parse(String name) {
        int at = name.indexOf(PREFIX);
        return at < 0 ? new Named(name, FIRST) : new Named(name.substring(0, at), new LaneMapping(name.substring(at + PREFIX.length())));
    }

    /** A scenario's own name and the mapping its suffix names. */
    public record Named(String base, LaneMapping mapping) {
    }

    /**
     * For a design with {@code ownQueues} queues of its own: every other mapping of its first {@value #ENUMERATED}
     * queues that puts at least one on the completer, so that any set of them runs opposite Default, and any two
     * opposite each other, in one of the mappings (with the first): none for one queue, 2 for two, 6 for three.
     */
    public static List<LaneMapping> others(int ownQueues) {
        int n = Math.min(ownQueues, ENUMERATED);
        List<LaneMapping> all = new ArrayList<>();
        for (int mask = 1; mask < 1 << n; mask++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1; k <= n; k++) {
                sb.append((mask >> (k - 1) & 1) == 1 ? 'c' : 's');
            }
            LaneMapping m = new LaneMapping(sb.toString());
            boolean sameAsFirst = true;
            for (int k = 1; k <= n; k++) {
                sameAsFirst &= m.laneOf(k).equals(FIRST.laneOf(k));
            }
            if (!sameAsFirst) {
                all.add(m);
            }
        }
        return List.copyOf(all);
    }
}
