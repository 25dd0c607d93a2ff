package dev.dextrace.model.runtime;

import java.util.OptionalInt;

/**
 * One active call on a thread's stack: a block on a queue, or a framework-called method within it.
 * Call-scoped memory ({@link dev.dextrace.model.driverkit.CallScoped}) is tied to a frame and dies
 * when the frame returns (ACT-5).
 */
public final class Frame {
    private final String queue;
    private final String place;
    private final String method;
    private final Object subject;
    private volatile boolean active = true;
    private java.util.Map<Integer, Integer> seenSlots;

    Frame(String queue, String method, Object subject) {
        this(queue, queue, method, subject);
    }

    Frame(String queue, String place, String method, Object subject) {
        this.queue = queue;
        this.place = place;
        this.method = method;
        this.subject = subject;
    }

    /** The queue this frame runs on, or null for a thread outside any queue. */
    public String queue() {
        return queue;
    }

    /** Where the call runs, for display: its queue, or the mailbox that runs it outside any queue (the kernel); null if neither. */
    public String place() {
        return place;
    }

    public String method() {
        return method;
    }

    /** What the call is about (e.g. the action it delivered), for "inside the delivering call" checks. */
    public Object subject() {
        return subject;
    }

    public boolean active() {
        return active;
    }

    void end() {
        active = false;
    }

    /** This call saw slot {@code slot} at generation {@code gen} (through a view, or its Process delivery). */
    public void sawSlot(int slot, int gen) {
        if (seenSlots == null) {
            seenSlots = new java.util.HashMap<>();
        }
        seenSlots.put(slot, gen);
    }

    /** The generation of the slot this call saw last, if it saw the slot. */
    public OptionalInt seenGeneration(int slot) {
        Integer g = seenSlots == null ? null : seenSlots.get(slot);
        return g == null ? OptionalInt.empty() : OptionalInt.of(g);
    }

    @Override
    public String toString() {
        return method + (queue != null ? " on " + queue : "");
    }
}
