package dev.dextrace.model.driver;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.SharedVariable;
import dev.dextrace.model.framework.Framework;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Subject;

/**
 * The dext's own per-command bookkeeping, one entry per slot (the "per-slot table" of PROTOCOL.md
 * §8). Each entry is a {@link SharedVariable}, so unsynchronized use from two queues is Q-3. Writing
 * an entry for a command that is already over (completed before the code that writes it expected)
 * revives dead state: CMP-2, the dext assumed Process returns before the completion runs.
 */
public final class CommandTable<V> {
    private final Framework framework;
    private final String name;
    private final SharedVariable<V>[] entries;
    /** Per slot, the delivered generation whose entry the completion path already cleared. */
    private final int[] clearedGeneration;

    @SuppressWarnings({"unchecked", "rawtypes"})
    CommandTable(Framework framework, String name, int size) {
        this.framework = framework;
        this.name = name;
        this.entries = new SharedVariable[size];
        this.clearedGeneration = new int[size];
        for (int i = 0; i < size; i++) {
            entries[i] = SharedVariable.of(name + "[" + i + "]", null);
        }
    }

    public V get(int slot) {
        return entry(slot).get();
    }

    /**
     * Records state for the command in {@code slot}. CMP-2 if that command is already over: the dext
     * completed it, or its completion path already cleared this entry (the write revives dead state).
     */
    public void put(int slot, V value) {
        SharedVariable<V> e = entry(slot);
        int gen = framework.deliveredGeneration(slot);
        boolean cleared;
        synchronized (clearedGeneration) {
            cleared = gen > 0 && clearedGeneration[slot] == gen;
        }
        if (value != null && (cleared || framework.deliveredCommandIsOver(slot))) {
            DriverKit dk = framework.driverKit();
            ProtocolEvent ev = dk.event(new Payload.TableWrite(name, slot, gen, String.valueOf(value)));
            dk.monitor().violate(Rule.CMP_2, name + "[" + slot + "] set to " + value + " for slot " + slot + " gen " + gen
                    + " after its completion " + (cleared ? "cleared it" : "ran")
                    + ": the completion ran before Process expected it", Subject.slot(slot, gen), ev);
        }
        e.set(value);
    }

    /** Clears the entry (what a completion path does). */
    public V remove(int slot) {
        SharedVariable<V> e = entry(slot);
        V old = e.get();
        e.set(null);
        int gen = framework.deliveredGeneration(slot);
        synchronized (clearedGeneration) {
            clearedGeneration[slot] = gen;
        }
        return old;
    }

    private SharedVariable<V> entry(int slot) {
        if (slot < 0 || slot >= entries.length) {
            throw new IllegalArgumentException(name + " slot must be 0.." + (entries.length - 1) + ", was " + slot);
        }
        return entries[slot];
    }
}
