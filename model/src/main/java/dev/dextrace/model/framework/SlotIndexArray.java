package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.runtime.AtomicStep;

/**
 * {@code const uint16_t parallelRequestSlotIndices[32]} as Process receives it. Entries at or beyond
 * the count are not part of the bundle (SLOT-2): reading one is filed, and it holds 0, as in a
 * zero-filled message.
 */
public final class SlotIndexArray {
    public static final int kMaxBundledParallelTasks = 32;

    private final DriverKit dk;
    private final int[] indices;
    private final int count;

    SlotIndexArray(DriverKit dk, int[] indices, int count) {
        this.dk = dk;
        this.indices = new int[kMaxBundledParallelTasks];
        System.arraycopy(indices, 0, this.indices, 0, count);
        this.count = count;
    }

    /** {@code parallelRequestSlotIndices[i]}. */
    @AtomicStep("reads the message's own copy; at most one event")
    public int get(int i) {
        if (i < 0 || i >= kMaxBundledParallelTasks) {
            throw new IllegalArgumentException("parallelRequestSlotIndices index must be 0.."
                    + (kMaxBundledParallelTasks - 1) + ", was " + i);
        }
        if (i >= count) {
            ProtocolEvent e = dk.event(new Payload.IndexRead(i, count));
            dk.monitor().violate(Rule.SLOT_2, "read parallelRequestSlotIndices[" + i
                    + "] beyond parallelRequestSlotIndicesCount " + count + ": not part of the bundle", e);
        }
        return indices[i];
    }

    /** The count as the framework passed it (the same as the call's count argument). */
    @AtomicStep("reads a final field")
    public int count() {
        return count;
    }
}
