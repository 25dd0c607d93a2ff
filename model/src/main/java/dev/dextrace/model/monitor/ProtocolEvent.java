package dev.dextrace.model.monitor;

/**
 * One observed protocol step, immutable. {@code seq} orders all events of a run; {@code lane} is the
 * thread that did it (a queue's worker, the kernel, the hardware) and {@code queue} the dispatch
 * queue whose block it ran in (null outside any block). {@code text} is the step in protocol words,
 * e.g. {@code Process(2,5,18)}, {@code Complete(18,0)}, {@code retain action#1}.
 *
 * @param slot slot index or legacy task ID, or -1
 * @param generation the slot's issue count, or 0 when not about one slot
 * @param action the action involved, e.g. {@code action#1}, or null
 */
public record ProtocolEvent(long seq, String lane, String queue, EventKind kind, int slot, int generation,
                            String action, String text) {

    /** Where this event happened, for swimlanes: the queue if inside a block, else the thread. */
    public String place() {
        return queue != null ? queue : lane;
    }

    @Override
    public String toString() {
        return "#" + seq + " [" + place() + (queue != null && !queue.equals(lane) ? " on " + lane : "") + "] " + text;
    }
}
