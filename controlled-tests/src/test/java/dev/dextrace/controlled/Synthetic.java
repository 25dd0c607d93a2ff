package dev.dextrace.controlled;

import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.runtime.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A hand-made world without the model: lanes named A, B, C... each with a fixed list of steps, one
 * event per step, run one step per decision under a strategy, the way the controlled scheduler asks.
 * Small enough that every interleaving can be listed by brute force.
 */
final class Synthetic {
    /** The slot each lane's steps touch, step by step: lane i's j-th step writes slot {@code slots[i][j]}. */
    private final int[][] slots;

    Synthetic(int[][] slots) {
        this.slots = slots;
    }

    /** Lanes of the given lengths whose steps all touch slot 0: every pair of steps of different lanes is dependent. */
    static Synthetic allDependent(int... lengths) {
        int[][] s = new int[lengths.length][];
        for (int i = 0; i < lengths.length; i++) {
            s[i] = new int[lengths[i]];
        }
        return new Synthetic(s);
    }

    static String lane(int i) {
        return String.valueOf((char) ('A' + i));
    }

    /** Runs once under {@code strategy}; {@code order} gets the lane of each step in order. */
    void run(Strategy strategy, Consumer<List<String>> order) {
        int[] done = new int[slots.length];
        List<String> lanes = new ArrayList<>();
        String previous = null;
        ProtocolEvent last = null;
        for (int index = 0; ; index++) {
            List<String> eligible = new ArrayList<>();
            for (int i = 0; i < slots.length; i++) {
                if (done[i] < slots[i].length) {
                    eligible.add(lane(i));
                }
            }
            if (eligible.isEmpty()) {
                break;
            }
            String pick = strategy.choose(new Strategy.Decision(index, List.copyOf(eligible), previous, last, index));
            int i = pick.charAt(0) - 'A';
            last = new ProtocolEvent(index, pick, null,
                    new Payload.SlotAccess(true, slots[i][done[i]], OptionalInt.of(1), "fTargetID", Optional.of(pick)));
            done[i]++;
            lanes.add(pick);
            previous = pick;
        }
        order.accept(lanes);
    }

    /** Every order of the steps with at most {@code bound} preemptions, by brute force. */
    List<List<String>> allOrders(int bound) {
        List<List<String>> out = new ArrayList<>();
        extend(new ArrayList<>(), new int[slots.length], 0, bound, out);
        return out;
    }

    private void extend(List<String> prefix, int[] done, int preemptions, int bound, List<List<String>> out) {
        boolean any = false;
        for (int i = 0; i < slots.length; i++) {
            if (done[i] == slots[i].length) {
                continue;
            }
            any = true;
            String prev = prefix.isEmpty() ? null : prefix.get(prefix.size() - 1);
            boolean preempts = prev != null && !prev.equals(lane(i)) && done[prev.charAt(0) - 'A'] < slots[prev.charAt(0) - 'A'].length;
            if (preemptions + (preempts ? 1 : 0) > bound) {
                continue;
            }
            prefix.add(lane(i));
            done[i]++;
            extend(prefix, done, preemptions + (preempts ? 1 : 0), bound, out);
            done[i]--;
            prefix.remove(prefix.size() - 1);
        }
        if (!any) {
            out.add(List.copyOf(prefix));
        }
    }

    /** The order of the steps that touch {@code slot}: what a run decides about that slot. */
    List<String> projection(List<String> order, int slot) {
        int[] done = new int[slots.length];
        List<String> out = new ArrayList<>();
        for (String l : order) {
            int i = l.charAt(0) - 'A';
            if (slots[i][done[i]++] == slot) {
                out.add(l);
            }
        }
        return out;
    }
}
