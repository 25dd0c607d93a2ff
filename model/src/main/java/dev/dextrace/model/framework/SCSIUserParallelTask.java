package dev.dextrace.model.framework;

import dev.dextrace.model.runtime.AtomicStep;

/**
 * A command: either a view of command slot i in the shared buffer (bundled path: every read is
 * checked against the dext's ownership of the slot, SLOT-1/3/5) or a value passed by copy (legacy
 * path, or a local copy the dext made). A slot view reads the slot as it is now: after a reissue it
 * sees the next command, as a stale pointer would.
 */
@AtomicStep("each accessor is one checked read or write of a slot field: one event")
public final class SCSIUserParallelTask {
    private final SlotAccessChecks checks;
    private final Slot slot;
    private final int viewGeneration;
    private final TaskData value;

    SCSIUserParallelTask(SlotAccessChecks checks, Slot slot, int viewGeneration) {
        this.checks = checks;
        this.slot = slot;
        this.viewGeneration = viewGeneration;
        this.value = null;
    }

    private SCSIUserParallelTask(TaskData value) {
        this.checks = null;
        this.slot = null;
        this.viewGeneration = 0;
        this.value = value;
    }

    /** A by-value command, as the legacy path passes it. */
    public static SCSIUserParallelTask of(TaskData value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        return new SCSIUserParallelTask(value);
    }

    /** {@code SCSIUserParallelTask local = *slot;}: one checked read of the whole slot, then a detached copy. */
    public SCSIUserParallelTask copy() {
        return new SCSIUserParallelTask(read("whole slot (copy)"));
    }

    private TaskData read(String field) {
        if (slot == null) {
            return value;
        }
        return checks.dextTouch(slot, viewGeneration, field, java.util.Optional.empty(), () -> {
            TaskData d = slot.command;
            return d != null ? d : SlotAccessChecks.emptyTask();
        });
    }

    public boolean isSlotView() {
        return slot != null;
    }

    /** The slot this view reads, or -1 for a by-value command. */
    public int slotIndex() {
        return slot == null ? -1 : slot.index;
    }

    public int version() {
        return read("version").version();
    }

    public long fTargetID() {
        return read("fTargetID").fTargetID();
    }

    public long fControllerTaskIdentifier() {
        return read("fControllerTaskIdentifier").fControllerTaskIdentifier();
    }

    public long fRequestedTransferCount() {
        return read("fRequestedTransferCount").fRequestedTransferCount();
    }

    public long fBufferIOVMAddr() {
        return read("fBufferIOVMAddr").fBufferIOVMAddr();
    }

    public int fTaskAttribute() {
        return read("fTaskAttribute").fTaskAttribute();
    }

    public long fTaskTagIdentifier() {
        return read("fTaskTagIdentifier").fTaskTagIdentifier();
    }

    public byte[] fLogicalUnitBytes() {
        return read("fLogicalUnitBytes").fLogicalUnitBytes();
    }

    public byte[] fCommandDescriptorBlock() {
        return read("fCommandDescriptorBlock").fCommandDescriptorBlock();
    }

    public int fCommandSize() {
        return read("fCommandSize").fCommandSize();
    }

    public int fTransferDirection() {
        return read("fTransferDirection").fTransferDirection();
    }

    public long fTimeoutInMilliSec() {
        return read("fTimeoutInMilliSec").fTimeoutInMilliSec();
    }

    @Override
    public String toString() {
        return slot == null ? "task " + value.fControllerTaskIdentifier() : "command slot " + slot.index;
    }
}
