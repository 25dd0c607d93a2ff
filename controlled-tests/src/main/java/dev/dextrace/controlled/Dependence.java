package dev.dextrace.controlled;

import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.ProtocolEvent;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When two steps of different lanes may be swapped without changing what the run does or what the
 * monitor concludes: the partial-order reduction's independence relation, read off the steps'
 * {@link ProtocolEvent}s (docs/decisions.md, "Controlled engine"). It errs towards "dependent": a step
 * whose event is unknown, a step of a kind that touches global state, and any two steps that share a
 * slot, an action, a queue or a kind of shared location are dependent.
 */
public final class Dependence {
    /** Kinds whose effect is not confined to the slot, action or queue the event names. */
    private static final Set<EventKind> GLOBAL = EnumSet.of(EventKind.FAULT, EventKind.TIMEOUT, EventKind.NOTE,
            EventKind.ROUTE, EventKind.WAIT, EventKind.DROPPED, EventKind.ABORTED);

    /** Shared locations the event does not name precisely (a variable, a lock, the hardware ring): one per family. */
    private enum Location { SHARED_MEMORY, LOCK, HARDWARE }

    private Dependence() {
    }

    /** True when the order of {@code a} and {@code b} may matter; null stands for a step whose footprint is unknown. */
    public static boolean dependent(ProtocolEvent a, ProtocolEvent b) {
        if (a == null || b == null || GLOBAL.contains(a.kind()) || GLOBAL.contains(b.kind())) {
            return true;
        }
        if (a.lane().equals(b.lane())) {
            return true;
        }
        Location la = location(a.kind());
        if (la != null && la == location(b.kind())) {
            return true;
        }
        return (a.slot() >= 0 && a.slot() == b.slot())
                || (a.action() != null && a.action().equals(b.action()))
                || (a.queue() != null && Objects.equals(a.queue(), b.queue()));
    }

    public static boolean independent(ProtocolEvent a, ProtocolEvent b) {
        return !dependent(a, b);
    }

    private static Location location(EventKind k) {
        return switch (k) {
            case VAR_READ, VAR_WRITE, TABLE_WRITE, SCOPED_ACCESS -> Location.SHARED_MEMORY;
            case LOCK, UNLOCK -> Location.LOCK;
            case HW_START, INTERRUPT, RING_READ -> Location.HARDWARE;
            default -> null;
        };
    }
}
