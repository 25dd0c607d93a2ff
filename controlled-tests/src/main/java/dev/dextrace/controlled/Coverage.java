package dev.dextrace.controlled;

import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Subject;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

    private record Race(String where, EventKind firstKind, String firstLane, EventKind thenKind, String thenLane) {
        Race flipped() {
            return new Race(where, thenKind, thenLane, firstKind, firstLane);
        }
    }

    private final Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    private final Set<Race> races = new HashSet<>();

    /** Adds one run's events. */
    void add(Iterable<ProtocolEvent> events) {
        Map<String, ProtocolEvent> lastAt = new HashMap<>();
        for (ProtocolEvent e : events) {
            kinds.add(e.kind());
            for (String where : places(e)) {
                ProtocolEvent before = lastAt.put(where, e);
                if (before != null && !before.lane().equals(e.lane())) {
                    races.add(new Race(where, before.kind(), before.lane(), e.kind(), e.lane()));
                }
            }
        }
    }

    /** The places an event touches that another lane may touch too (as {@link Dependence} reads them). */
    private static List<String> places(ProtocolEvent e) {
        List<String> out = new ArrayList<>(2);
        Subject about = e.payload().subject();
        about.slot().ifPresent(slot -> out.add("slot " + slot));
        about.action().ifPresent(out::add);
        Dependence.location(e).ifPresent(out::add);
        return out;
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
