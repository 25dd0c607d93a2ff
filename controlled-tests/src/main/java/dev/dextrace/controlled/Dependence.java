package dev.dextrace.controlled;

import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Subject;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When two steps of different lanes may be swapped without changing what the run does or what the
 * monitor concludes: the partial-order reduction's independence relation, read off the steps'
 * {@link ProtocolEvent}s (docs/decisions.md, "Controlled engine"). It errs towards "dependent": an
 * unknown step, an event of a kind that touches global state, and any two events that share a slot,
 * an action, a queue, a shared variable, a lock or the hardware are dependent. A silent step (a lane
 * taking its next block or going idle, no event) is dependent on every step of another lane that may have
 * posted work (posting records no event; the scheduler's signal count shows it), independent of the others.
 */
final class Dependence {
    /** Kinds whose effect is not confined to the slot, action or queue the event names. */
    private static final Set<EventKind> GLOBAL = EnumSet.of(EventKind.FAULT, EventKind.TIMEOUT, EventKind.NOTE,
            EventKind.ROUTE, EventKind.WAIT, EventKind.DROPPED, EventKind.ABORTED);

    private Dependence() {
    }

    static boolean independent(Step a, Step b) {
        return !dependent(a, b);
    }

    static boolean dependent(Step a, Step b) {
        if (a.lane().equals(b.lane())) {
            return true;
        }
        // a silent step takes the next block from the lane's mailboxes or finds none and idles: what it does
        // depends on what the other lanes posted, which no event shows but the scheduler's signal count does
        if (a.silent() || b.silent()) {
            return (a.silent() && b.posts()) || (b.silent() && a.posts());
        }
        return dependent(a.event(), b.event());
    }

    /** True when the order of {@code a} and {@code b} may matter; null stands for an unknown step. */
    static boolean dependent(ProtocolEvent a, ProtocolEvent b) {
        if (a == null || b == null || GLOBAL.contains(a.kind()) || GLOBAL.contains(b.kind())) {
            return true;
        }
        Location la = location(a);
        if (la != null && la.equals(location(b))) {
            return true;
        }
        Subject sa = a.payload().subject();
        Subject sb = b.payload().subject();
        return (sa.slot().isPresent() && sa.slot().equals(sb.slot()))
                || (sa.action().isPresent() && sa.action().equals(sb.action()))
                || (a.queue() != null && Objects.equals(a.queue(), b.queue()));
    }

    /** What a shared location is; {@link Location}'s name tells the variables and the locks apart. */
    enum Place { VARIABLE, LOCK, CALL_SCOPED_MEMORY, HARDWARE }

    /** A shared location: a variable or a lock by name, or call-scoped memory or the hardware as a whole (no name). */
    record Location(Place place, String name) {
    }

    private static final Location CALL_SCOPED = new Location(Place.CALL_SCOPED_MEMORY, null);
    private static final Location HARDWARE = new Location(Place.HARDWARE, null);

    /**
     * The shared location an event touches beyond its slot, action and queue: a variable by name (each
     * {@code SharedVariable}, each command-table entry, is one), a lock by name, or the hardware as a whole
     * (its completion ring); null for the other steps. A value, not a string: the search asks for it at every event.
     */
    static Location location(ProtocolEvent e) {
        Payload p = e.payload();
        if (p instanceof Payload.VariableAccess v) {
            return new Location(Place.VARIABLE, v.variable());
        }
        if (p instanceof Payload.TableWrite t) {
            return new Location(Place.VARIABLE, t.entry()); // the entry is the variable its SharedVariable reads and writes
        }
        if (p instanceof Payload.Lock l) {
            return new Location(Place.LOCK, l.lock());
        }
        if (p instanceof Payload.Unlock u) {
            return new Location(Place.LOCK, u.lock());
        }
        if (p instanceof Payload.ScopedAccess) {
            return CALL_SCOPED;
        }
        if (p instanceof Payload.HardwareStart || p instanceof Payload.Interrupt || p instanceof Payload.RingRead) {
            return HARDWARE;
        }
        return null;
    }
}
