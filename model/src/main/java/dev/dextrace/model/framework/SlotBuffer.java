package dev.dextrace.model.framework;

import dev.dextrace.model.runtime.AtomicStep;

import java.util.function.BiFunction;

/**
 * One of the two shared buffers the framework maps into the dext: N command slots or N response
 * slots. {@code buffer.get(i)} is C's {@code fCommandBuffer[i]}: a view whose every use is checked
 * against the dext's ownership of slot i at the moment the view was taken.
 */
public final class SlotBuffer<T> {
    private final SlotAccessChecks checks;
    private final String name;
    private final BiFunction<Slot, Integer, T> view;

    SlotBuffer(SlotAccessChecks checks, String name, BiFunction<Slot, Integer, T> view) {
        this.checks = checks;
        this.name = name;
        this.view = view;
    }

    /** The number of slots, N. */
    public int length() {
        return checks.slotCount();
    }

    /** @throws IllegalArgumentException if index is outside 0..N-1 */
    @AtomicStep("takes a view: reads one slot's state, no event")
    public T get(int index) {
        Slot s = checks.slot(name + " index", index);
        return view.apply(s, checks.viewGeneration(s));
    }
}
