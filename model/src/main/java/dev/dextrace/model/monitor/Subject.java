package dev.dextrace.model.monitor;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an event or a violation is about, each part possibly absent: a slot (or legacy task), the
 * generation of that slot, the OSAction involved. Generations count from 1 (the first issue), so a
 * slot never issued has none.
 */
public record Subject(OptionalInt slot, OptionalInt generation, Optional<String> action) {
    /** About no slot and no action: a queue, a lock, a variable, the whole run. */
    public static final Subject NONE = new Subject(OptionalInt.empty(), OptionalInt.empty(), Optional.empty());

    public Subject {
        if (generation.isPresent() && slot.isEmpty()) {
            throw new IllegalArgumentException("generation " + generation.getAsInt() + " without a slot");
        }
    }

    /** A slot, with its generation when it has one ({@code generation} >= 1). */
    public static Subject slot(int slot, int generation) {
        return new Subject(OptionalInt.of(slot), generation >= 1 ? OptionalInt.of(generation) : OptionalInt.empty(), Optional.empty());
    }

    /** A slot about no generation in particular (a hardware tag, a slot before any issue). */
    public static Subject slot(int slot) {
        return new Subject(OptionalInt.of(slot), OptionalInt.empty(), Optional.empty());
    }

    public static Subject action(String action) {
        return NONE.withAction(action);
    }

    public Subject withAction(String action) {
        return new Subject(slot, generation, Optional.of(action));
    }

    public Subject withAction(Optional<String> action) {
        return new Subject(slot, generation, action);
    }
}
