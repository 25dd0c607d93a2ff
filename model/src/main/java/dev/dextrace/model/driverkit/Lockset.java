package dev.dextrace.model.driverkit;

import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.ProtocolMonitor;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Subject;
import dev.dextrace.model.runtime.ExecutionContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Eraser's lockset state machine for one location of dext state (a {@code SharedVariable}, a plain
 * field, an array element, a collection): once blocks of a second queue touch it, every access must
 * hold a common lock, or the location must never again be written. Not thread-safe: the caller
 * makes each access one step (DriverKit.eventAndApply guarded by this object).
 */
public final class Lockset {
    /** Per thread: the Java monitors it holds (synchronized blocks of driver code, told by the ivars rewriting). */
    private static final ThreadLocal<List<Object>> MONITORS = ThreadLocal.withInitial(ArrayList::new);

    private enum State { VIRGIN, EXCLUSIVE, SHARED, SHARED_MODIFIED }

    /**
     * Where a queue touched the location: its first and its latest access (source sites, null if unknown), and the
     * event its latest access recorded, if it recorded one (a collection call's check records none).
     */
    public record Touches(String first, String last, Optional<Long> lastEvent) {
    }

    /**
     * The location found unprotected: {@code queue} accessed it at {@code site} holding no lock in common
     * with {@code otherQueue}'s accesses, whose sites are {@code other}.
     */
    public record Race(String otherQueue, Touches other, String queue, String site) {
        /** "Default at A.java:80 (first at A.java:50) and Interrupt at A.java:99", or just the queues when no site is known. */
        public String describe() {
            return otherQueue + at(other.last()) + (other.first() != null && !other.first().equals(other.last())
                    ? " (first at " + other.first() + ")" : "") + " and " + queue + at(site);
        }

        private static String at(String site) {
            return site == null ? "" : " at " + site;
        }

        /** Files Q-3 about {@code what}, triggered by {@code at}; the other queue's access is in the story when it was an event. */
        public void file(ProtocolMonitor monitor, String what, ProtocolEvent at) {
            monitor.violate(Rule.Q_3, what + " is shared by " + describe() + " and written with no common lock", Subject.NONE, at,
                    other.lastEvent().map(Set::of).orElse(Set.of()));
        }
    }

    private State state = State.VIRGIN;
    private String firstQueue;
    private Set<Object> candidates;
    private boolean reported;
    /** Per queue, where it touched the location; two or three queues at most. */
    private final Map<String, Touches> touches = new LinkedHashMap<>(4);

    /**
     * One access. {@code held} are the locks the accessing thread holds now.
     *
     * @return the race the first time the location is found shared, written and without a common lock; else null
     */
    public Race access(String queue, boolean write, Collection<?> held, String site) {
        return access(queue, write, held, site, Optional.empty());
    }

    /** One access that recorded the event {@code event}: a race found later names it as the other queue's access. */
    public Race access(String queue, boolean write, Collection<?> held, String site, Optional<Long> event) {
        Touches before = touches.get(queue);
        touches.put(queue, new Touches(before == null ? site : before.first(), site, event));
        switch (state) {
            case VIRGIN -> {
                state = State.EXCLUSIVE;
                firstQueue = queue;
            }
            case EXCLUSIVE -> {
                if (!queue.equals(firstQueue)) {
                    state = write ? State.SHARED_MODIFIED : State.SHARED;
                    candidates = new HashSet<>(held);
                }
            }
            case SHARED, SHARED_MODIFIED -> {
                candidates.retainAll(held);
                if (write) {
                    state = State.SHARED_MODIFIED;
                }
            }
        }
        if (state != State.SHARED_MODIFIED || !candidates.isEmpty() || reported) {
            return null;
        }
        reported = true;
        for (Map.Entry<String, Touches> t : touches.entrySet()) {
            if (!t.getKey().equals(queue)) {
                return new Race(t.getKey(), t.getValue(), queue, site);
            }
        }
        throw new IllegalStateException("a shared location has been touched by one queue only");
    }

    public static void monitorEnter(Object o) {
        MONITORS.get().add(o);
    }

    public static void monitorExit(Object o) {
        List<Object> held = MONITORS.get();
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i) == o) {
                held.remove(i);
                return;
            }
        }
    }

    /** The locks a lockset counts: the IOLocks and the driver's Java monitors the calling thread holds. */
    public static Collection<Object> heldLocks() {
        List<Object> held = new ArrayList<>(IOLock.heldByThisThread());
        held.addAll(MONITORS.get());
        return held;
    }

    /** The queue whose block the calling thread runs, else its lane: who an access is attributed to. */
    public static String queueOfThisThread() {
        ExecutionContext ctx = ExecutionContext.current();
        return ctx.queue() != null ? ctx.queue() : ctx.lane();
    }
}
