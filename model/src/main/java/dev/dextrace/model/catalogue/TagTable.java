package dev.dextrace.model.catalogue;

import java.util.HashMap;
import java.util.Map;

/**
 * The dext's own hardware tags, as real drivers keep them: a running counter gives each command a tag,
 * and two plain ivars map it back (tag → slot or task, and the slot's current tag, so a stale tag of an
 * aborted or abandoned command cannot complete the slot's next command). Not thread-safe on purpose:
 * its owner guards it with its {@code IOLock}, like any other ivar.
 */
final class TagTable {
    private int fNextTag;
    private final int[] fTagOfSlot;
    private final Map<Integer, Integer> fSlotOfTag = new HashMap<>();

    TagTable(int firstTag, int slots) {
        fNextTag = firstTag;
        fTagOfSlot = new int[slots];
    }

    /** A fresh tag for the command now in {@code slot}; the slot's previous tag is forgotten. */
    int assign(int slot) {
        int tag = fNextTag++;
        fSlotOfTag.remove(fTagOfSlot[slot]);
        fTagOfSlot[slot] = tag;
        fSlotOfTag.put(tag, slot);
        return tag;
    }

    /** The slot a finished tag belongs to, or -1 for a stale or foreign tag; the tag is used up. */
    int take(int tag) {
        Integer slot = fSlotOfTag.remove(tag);
        return slot != null && fTagOfSlot[slot] == tag ? slot : -1;
    }
}
