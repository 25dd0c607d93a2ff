package dev.dextrace.model.monitor;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One observed protocol step, immutable. {@code seq} orders all events of a run; {@code lane} is the
 * thread that did it (a queue's worker, the kernel, the hardware) and {@code queue} the dispatch
 * queue whose block it ran in (null outside any block); {@code place} is where a swimlane shows it: the queue, else
 * the mailbox that ran it (the kernel's work loop, on whichever lane carries it), else the lane. {@code payload} is what the step did, typed;
 * {@link #kind()}, {@link #text()} and the slot, generation and action are views of it.
 */
public record ProtocolEvent(long seq, String lane, String queue, String place, Payload payload) {

    /** An event shown where it ran: its queue, else its lane. */
    public ProtocolEvent(long seq, String lane, String queue, Payload payload) {
        this(seq, lane, queue, queue != null ? queue : lane, payload);
    }

    public EventKind kind() {
        return payload.kind();
    }

    /** The step in protocol words, for display (built on each call: recording never pays for it). */
    public String text() {
        return payload.text();
    }

    /** The slot index or legacy task ID the step is about, if any. */
    public OptionalInt slot() {
        return payload.subject().slot();
    }

    /** The slot's issue count, when the step is about one generation of a slot. */
    public OptionalInt generation() {
        return payload.subject().generation();
    }

    /** The action involved, e.g. {@code action#1}, if any. */
    public Optional<String> action() {
        return payload.subject().action();
    }

    @Override
    public String toString() {
        return "#" + seq + " [" + place + (place.equals(lane) ? "" : " on " + lane) + "] " + text();
    }
}
