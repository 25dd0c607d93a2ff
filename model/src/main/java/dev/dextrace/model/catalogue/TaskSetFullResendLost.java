package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.hardware.HbaCompletion;

import java.util.HashMap;
import java.util.Map;

/**
 * Wrong (CMP-1): plain-locked-fault-tolerant, tagging the hardware command with the kernel's SCSI task
 * tag and forgetting the tag after the completion ("the command is over"). A command answered
 * TASK_SET_FULL is resent by the kernel with the same tag, in another slot, possibly before the
 * handler forgets the tag: the handler then forgets the resent command's entry, drops its completion,
 * and the kernel has to time it out (a lost completion).
 */
@DriverDesign(name = "task-set-full-resend-lost", path = DriverDesign.Path.BUNDLED, violates = {"CMP-1"},
        summary = "Tags hardware commands with the SCSI task tag and forgets the tag after completing: a TASK_SET_FULL resend is lost")
public class TaskSetFullResendLost extends PlainLockedFaultTolerant {
    private Map<Integer, Integer> fSlotOfTag;

    @Override
    public int UserInitializeController() {
        fSlotOfTag = new HashMap<>();
        return super.UserInitializeController();
    }

    @Override
    protected int tagFor(int slot) {
        int tag = (int) fCommands.get(slot).fTaskTagIdentifier();
        fSlotOfTag.put(tag, slot);
        return tag;
    }

    @Override
    protected int slotOfHardwareTag(int tag) {
        Integer slot = fSlotOfTag.get(tag);
        return slot == null ? -1 : slot;
    }

    @Override
    protected void complete(HbaCompletion done) {
        super.complete(done);
        IOLock.IOLockLock(fLock);
        fSlotOfTag.remove(done.tag()); // the mistake: a resend of this command may already hold the tag again
        IOLock.IOLockUnlock(fLock);
    }
}
