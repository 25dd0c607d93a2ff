package dev.dextrace.model;

import dev.dextrace.model.driverkit.IODispatchQueue;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The two lanes of a 2-core run (submitter, completer), mailbox by mailbox, one mapping per world.
 * The kernel and Default go to the submitter, the hardware to the completer. The queues the dext
 * creates go where the {@link LaneMapping} says, in the order it creates them: in the first mapping they
 * alternate (first: completer, second: submitter, ...), so the usual interrupt queue races Default and two
 * queues of the dext's own race each other instead of taking turns on one lane. A queue's concurrent
 * blocks go to the lane its serial blocks do not, so they can overlap them.
 */
final class TwoLanes implements Function<String, String> {
    private final Map<String, String> laneOf = new HashMap<>();
    private final LaneMapping mapping;
    private int dextQueues;

    TwoLanes(LaneMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public synchronized String apply(String mailbox) {
        return laneOf.computeIfAbsent(mailbox, this::choose);
    }

    private String choose(String mailbox) {
        if (mailbox.equals("kernel") || mailbox.equals(IODispatchQueue.DEFAULT)) {
            return World.SUBMITTER;
        }
        if (mailbox.equals("hardware")) {
            return World.COMPLETER;
        }
        if (mailbox.endsWith(IODispatchQueue.CONCURRENT_SUFFIX)) {
            String queue = mailbox.substring(0, mailbox.length() - IODispatchQueue.CONCURRENT_SUFFIX.length());
            return apply(queue).equals(World.SUBMITTER) ? World.COMPLETER : World.SUBMITTER;
        }
        return mapping.laneOf(++dextQueues);
    }
}
