package dev.dextrace.model.driverkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plain locations of one world's dext state that driver code touched, each with its Q-3 lockset:
 * an object's field, a static field, an array element, a collection. Locations are kept by identity
 * for the world's lifetime (a world is one run).
 */
public final class PlainState {
    private final Map<Location, Lockset> locations = new ConcurrentHashMap<>();

    public Lockset lockset(Object target, Object member) {
        return locations.computeIfAbsent(new Location(target, member), l -> new Lockset());
    }

    /** How many locations were touched: what a test or a benchmark can check the hook saw. */
    public int locations() {
        return locations.size();
    }

    /** A target by identity plus what of it (a field key, an element index, nothing for a collection). */
    private static final class Location {
        private final Object target;
        private final Object member;

        Location(Object target, Object member) {
            this.target = target;
            this.member = member;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Location l && l.target == target && java.util.Objects.equals(l.member, member);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(target) * 31 + java.util.Objects.hashCode(member);
        }
    }
}
