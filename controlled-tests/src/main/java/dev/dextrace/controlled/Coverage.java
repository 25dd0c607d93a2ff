package dev.dextrace.controlled;

import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Subject;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the runs of one scenario exercised of the protocol: the event kinds seen, and the races: for
 * each place two lanes meet (a slot, an action, a shared variable, a lock, the hardware), every pair of
 * consecutive events there by different lanes, as "kind on lane X, then kind on lane Y". A race seen in
 * both orders has been tried both ways; one seen in a single order is a question the search left open.
 */
public final class Coverage {
    /** The figures: event kinds seen (of all there are), races between lanes, races seen both ways. */
    public record Summary(int kindsSeen, int kinds, int races, int racesBothWays) {
        @Override
        public String toString() {
            return kindsSeen + " of " + kinds + " event kinds, " + races + " races between lanes, " + racesBothWays
                    + " of them seen both ways";
        }
    }

    /**
     * {@code where}: a slot (an Integer), an action (its name) or a {@link Dependence.Location}; values of different
     * types, so they never equal one another, and no string is built per event.
     */
    private record Race(Object where, EventKind firstKind, String firstLane, EventKind thenKind, String thenLane) {
        Race flipped() {
            return new Race(where, thenKind, thenLane, firstKind, firstLane);
        }
    }

    private final Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    private final Set<Race> races = new HashSet<>();

    /** Adds one run's events. */
    void add(Iterable<ProtocolEvent> events) {
        Map<Object, ProtocolEvent> lastAt = new HashMap<>();
        for (ProtocolEvent e : events) {
            kinds.add(e.kind());
            // the places an event touches that another lane may touch too (as Dependence reads them)
            Subject about = e.payload().subject();
            if (about.slot().isPresent()) {
                meet(lastAt, about.slot().getAsInt(), e);
            }
            if (about.action().isPresent()) {
                meet(lastAt, about.action().get(), e);
            }
            Dependence.Location at = Dependence.location(e);
            if (at != null) {
                meet(lastAt, at, e);
            }
        }
    }

    private void meet(Map<Object, ProtocolEvent> lastAt, Object where, ProtocolEvent e) {
        ProtocolEvent before = lastAt.put(where, e);
        if (before != null && !before.lane().equals(e.lane())) {
            races.add(new Race(where, before.kind(), before.lane(), e.kind(), e.lane()));
        }
    }

    int kindsSeen() {
        return kinds.size();
    }

    int races() {
        return races.size();
    }

    /** Races also seen the other way round. */
    int racesBothWays() {
        return (int) races.stream().filter(r -> races.contains(r.flipped())).count();
    }

    Summary summary() {
        return new Summary(kindsSeen(), EventKind.values().length, races(), racesBothWays());
    }
}
