package dev.dextrace.controlled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Every interleaving of one scenario with at most k preemptions, as a tree of decision points that
 * grows run by run (CHESS's preemption bounding). A run follows a prefix of decisions and then runs
 * to completion, so its preemptions are those of its prefix; each decision point of a run is a node,
 * and each eligible lane not taken there is a branch still to run. {@link #round} runs every branch
 * that costs at most k preemptions and keeps the others, so the bound can be raised round by round
 * without running anything twice.
 *
 * <p>With reduction on, sleep sets (Godefroid) prune branches that only reorder independent steps
 * ({@link Dependence}): after lane t was explored at a node, a sibling branch u carries t asleep while
 * u's steps are independent of t's step, and a sleeping lane is not branched to.
 */
final class BoundedSearch {
    /** A lane that need not be branched to, with the step it would take. */
    private record Asleep(String lane, Step step) {
    }

    /**
     * One decision point. A search keeps every node of every run (about a hundred per run, a million for the
     * costliest scenarios), so a node keeps its lanes in small lists rather than maps: a point has a few lanes.
     */
    private static final class Node {
        final Node parent;
        final String via;
        final PrefixStrategy.Point point;
        /** The decision's index in its run. */
        final int index;
        /** The order the node was made in, among all of the search's. */
        final int seq;
        final int preemptions;
        final List<Asleep> sleep;
        /** Lanes run from here, in the order they were, with the step each took. */
        private final List<Asleep> explored = new ArrayList<>(2);
        /** Lanes pruned here; null while there are none. */
        private List<String> pruned;

        Node(Node parent, String via, PrefixStrategy.Point point, int preemptions, List<Asleep> sleep, int seq) {
            this.parent = parent;
            this.via = via;
            this.point = point;
            this.index = parent == null ? 0 : parent.index + 1;
            this.seq = seq;
            this.preemptions = preemptions;
            this.sleep = sleep;
        }

        boolean explored(String lane) {
            return hasLane(explored, lane);
        }

        void explore(String lane, Step step) {
            explored.add(new Asleep(lane, step));
        }

        boolean pruned(String lane) {
            return pruned != null && pruned.contains(lane);
        }

        void prune(String lane) {
            if (pruned == null) {
                pruned = new ArrayList<>(1);
            }
            pruned.add(lane);
        }

        boolean asleep(String lane) {
            return hasLane(sleep, lane);
        }

        private static boolean hasLane(List<Asleep> steps, String lane) {
            for (Asleep a : steps) {
                if (a.lane().equals(lane)) {
                    return true;
                }
            }
            return false;
        }

        List<String> prefix() {
            String[] out = new String[index];
            for (Node n = this; n.parent != null; n = n.parent) {
                out[n.index - 1] = n.via;
            }
            return new ArrayList<>(Arrays.asList(out));
        }
    }

    private final Function<List<String>, PrefixStrategy> runner;
    private final boolean reduce;
    /**
     * The nodes with a lane neither explored nor pruned, in the order they were made: the only ones a round can
     * branch at. A node with one eligible lane never is, and a finished one leaves at the next round, so a round
     * walks these instead of every node there ever was, and the finished ones can be collected.
     */
    private List<Node> open = new ArrayList<>();
    /** Nodes made so far. */
    private int created;
    private int runs;
    private int pruned;
    private int longest;
    private boolean diverged;

    /**
     * @param runner runs the scenario once with a strategy following the given prefix and returns it
     *               (the caller judges the run)
     */
    BoundedSearch(Function<List<String>, PrefixStrategy> runner, boolean reduce) {
        this.runner = runner;
        this.reduce = reduce;
    }

    /**
     * Runs every branch not run yet that needs at most {@code bound} preemptions, until {@code stop} holds.
     *
     * @return true when nothing within the bound is left (the search at this bound is complete)
     */
    boolean round(int bound, BooleanSupplier stop) {
        if (runs == 0) {
            record(null, null, runner.apply(List.of()), 0);
        }
        // The stop condition only changes when a run does: asked once per run. A walk of every node would stop
        // (incomplete) at the next node of any kind: so it is incomplete if there is a node at all.
        if (stop.getAsBoolean()) {
            return created == 0;
        }
        List<Node> left = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            Node n = open.get(i);
            List<String> lanes = n.point.eligible();
            boolean keep = false;
            for (int j = 0; j < lanes.size(); j++) {
                String lane = lanes.get(j);
                if (n.explored(lane) || n.pruned(lane)) {
                    continue;
                }
                int cost = n.preemptions + (n.point.preempts(lane) ? 1 : 0);
                if (cost > bound) {
                    keep = true;
                    continue;
                }
                if (reduce && n.asleep(lane)) {
                    n.prune(lane);
                    pruned++;
                    continue;
                }
                List<String> prefix = n.prefix();
                prefix.add(lane);
                record(n, lane, runner.apply(prefix), cost);
                if (stop.getAsBoolean()) {
                    left.add(n);
                    left.addAll(open.subList(i + 1, open.size()));
                    open = left;
                    // incomplete if any node of any kind came after this branch, as in a walk of every node
                    return j == lanes.size() - 1 && n.seq == created - 1;
                }
            }
            if (keep) {
                left.add(n);
            }
        }
        open = left;
        return true;
    }

    /** Adds a run's decision points below {@code branch} (the node it branched at, null for the first run). */
    private void record(Node branch, String lane, PrefixStrategy run, int preemptions) {
        runs++;
        diverged |= run.diverged();
        List<PrefixStrategy.Point> points = run.points();
        List<Step> steps = run.steps();
        longest = Math.max(longest, points.size());
        int from = branch == null ? 0 : branch.index + 1;
        List<Asleep> sleep = List.of();
        if (branch != null) {
            Step step = from - 1 < steps.size() ? steps.get(from - 1) : Step.unknown(lane);
            branch.explore(lane, step);
            if (reduce) {
                List<Asleep> carried = new ArrayList<>(branch.sleep);
                for (Asleep a : branch.explored) {
                    if (!a.lane().equals(lane)) {
                        carried.add(a);
                    }
                }
                sleep = awake(carried, step);
            }
        }
        Node parent = branch;
        String via = lane;
        for (int j = from; j < points.size(); j++) {
            Node n = new Node(parent, via, points.get(j), preemptions, sleep, created++);
            if (n.point.eligible().size() > 1) { // another lane than the one it ran is left to branch to
                open.add(n);
            }
            n.explore(points.get(j).chosen(), steps.get(j));
            if (reduce) {
                sleep = awake(sleep, steps.get(j));
            }
            parent = n;
            via = points.get(j).chosen();
        }
    }

    /** The sleeping lanes that stay asleep after {@code step}: those of other lanes whose step is independent of it. */
    private static List<Asleep> awake(List<Asleep> sleep, Step step) {
        if (sleep.isEmpty()) {
            return sleep;
        }
        List<Asleep> out = new ArrayList<>(sleep.size());
        for (Asleep a : sleep) {
            if (!a.lane().equals(step.lane()) && Dependence.independent(a.step(), step)) {
                out.add(a);
            }
        }
        return out.isEmpty() ? List.of() : out;
    }

    int runs() {
        return runs;
    }

    /** Branches not run because they only reorder independent steps of a branch that was. */
    int pruned() {
        return pruned;
    }

    /** The most decisions one run took: the k of PCT's bound. */
    int longestRun() {
        return longest;
    }

    /** Whether some run could not follow its prefix (the model was not deterministic there). */
    boolean diverged() {
        return diverged;
    }
}
