package dev.dextrace.model.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One share of a campaign, {@code index} of {@code count} (1-based, as CI matrices and Kubernetes' job
 * index + 1 count). Every shard computes the same plan from the same units and costs and keeps its own
 * part, so shards never talk to each other: the plan is deterministic.
 */
public record Shard(int index, int count) {
    /** More shards than this would leave most of them empty for any campaign dextrace has. */
    public static final int MAX_COUNT = 256;
    /** The whole campaign in one shard. */
    public static final Shard WHOLE = new Shard(1, 1);
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*");

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw new IllegalArgumentException("shard: " + index + "/" + count + " is not a shard; use i/n with 1 <= i <= n <= " + MAX_COUNT);
        }
    }

    /** "2/4"; the message names the allowed form. */
    public static Shard parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("shard: '" + text + "' is not a shard; use i/n with 1 <= i <= n <= " + MAX_COUNT + ", e.g. 2/4");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /**
     * Splits {@code units} into {@code count} shards, balanced by cost: the costliest unit first, each to the
     * shard with the least cost so far (ties: the lower index; units of equal cost: by key), so that the
     * largest shard exceeds the smallest by at most one unit's cost. Every unit lands in exactly one shard.
     *
     * @return the units of each shard, index 1 first, each in the order of {@code units}
     */
    public static <U> List<List<U>> plan(List<U> units, int count, ToLongFunction<U> cost, Comparator<U> key) {
        new Shard(1, count); // validates count
        List<U> order = new ArrayList<>(units);
        order.sort(Comparator.<U>comparingLong(cost).reversed().thenComparing(key));
        long[] load = new long[count];
        Map<U, Integer> shardOf = new java.util.IdentityHashMap<>();
        for (U u : order) {
            int least = 0;
            for (int s = 1; s < count; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            load[least] += Math.max(1, cost.applyAsLong(u));
            shardOf.put(u, least);
        }
        List<List<U>> shards = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            shards.add(new ArrayList<>());
        }
        units.forEach(u -> shards.get(shardOf.get(u)).add(u));
        return shards.stream().map(List::copyOf).toList();
    }

    /** This shard's part of {@link #plan}. */
    public <U> List<U> mine(List<U> units, ToLongFunction<U> cost, Comparator<U> key) {
        return plan(units, count, cost, key).get(index - 1);
    }
}
