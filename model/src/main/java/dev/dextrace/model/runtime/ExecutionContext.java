package dev.dextrace.model.runtime;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Per-thread record of which lane a thread is and which calls are active on it. Thread-confined, so
 * keeping it adds no synchronization between the threads under test.
 */
public final class ExecutionContext {
    private static final ThreadLocal<ExecutionContext> CURRENT = new ThreadLocal<>();

    private final String lane;
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();

    private ExecutionContext(String lane) {
        this.lane = lane;
    }

    /** The calling thread's context; a thread that never entered a lane is named after itself. */
    public static ExecutionContext current() {
        ExecutionContext c = CURRENT.get();
        if (c == null) {
            c = new ExecutionContext(Thread.currentThread().getName());
            CURRENT.set(c);
        }
        return c;
    }

    /** Makes the calling thread the lane {@code lane}; frames of an earlier use are dropped. */
    public static ExecutionContext enter(String lane) {
        ExecutionContext c = new ExecutionContext(lane);
        CURRENT.set(c);
        return c;
    }

    public String lane() {
        return lane;
    }

    /** The queue of the innermost active block, or null outside any block. */
    public String queue() {
        for (Frame f : frames) {
            if (f.queue() != null) {
                return f.queue();
            }
        }
        return null;
    }

    /** Where the calling thread runs, for display: the innermost call's queue or mailbox, else the thread's lane. */
    public String place() {
        for (Frame f : frames) {
            if (f.place() != null) {
                return f.place();
            }
        }
        return lane;
    }

    /** A call run by a mailbox that is not a dispatch queue (the kernel's work loop): shown there, but outside any queue. */
    public Frame pushOutsideQueues(String mailbox, String method) {
        Frame f = new Frame(null, mailbox, method, null);
        frames.push(f);
        return f;
    }

    public Frame push(String queue, String method, Object subject) {
        Frame f = new Frame(queue, method, subject);
        frames.push(f);
        return f;
    }

    public void pop(Frame f) {
        f.end();
        frames.remove(f);
    }

    /** Whether some active frame of this thread matches, e.g. "the Process call that delivered this action". */
    public boolean anyFrame(Predicate<Frame> p) {
        for (Iterator<Frame> it = frames.iterator(); it.hasNext(); ) {
            if (p.test(it.next())) {
                return true;
            }
        }
        return false;
    }

    /** The generation of slot {@code slot} the innermost call that saw it knew, if one saw it. */
    public OptionalInt knownSlotGeneration(int slot) {
        for (Frame f : frames) {
            OptionalInt g = f.seenGeneration(slot);
            if (g.isPresent()) {
                return g;
            }
        }
        return OptionalInt.empty();
    }

    public Frame top() {
        return frames.peek();
    }
}
