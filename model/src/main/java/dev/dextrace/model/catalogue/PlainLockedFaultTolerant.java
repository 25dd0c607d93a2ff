package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;
import dev.dextrace.model.framework.SlotIndexArray;
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.hardware.IOInterruptDispatchSource;

/**
 * Correct, written as a dext engineer writes one: plain ivars (an array of actions by slot) under one
 * {@code IOLock}, shared by Process on Default and the interrupt queue. Every outcome of the hardware
 * takes the same exit: a failed command (error status, delivery failure, short transfer) gets its
 * status and sense data in its response and is completed and released exactly once; a completion that
 * arrives after the kernel timed the command out is completed too (the kernel drops it) so the
 * reference taken for it is not leaked. Breaks no rule.
 */
@DriverDesign(name = "plain-locked-fault-tolerant", path = DriverDesign.Path.BUNDLED,
        summary = "Bundled path; plain per-slot ivars under an IOLock; one exit for every hardware outcome")
public class PlainLockedFaultTolerant extends CatalogueDriver {
    private IOLock fLock;
    private OSAction[] fActionForSlot;
    private SlotBuffer<SCSIUserParallelTask> fCommands;
    private SlotBuffer<SCSIUserParallelResponse> fResponses;
    private IOInterruptDispatchSource fInterruptSource;

    public PlainLockedFaultTolerant() {
        super(DEFAULT_TASK_COUNT);
    }

    @Override
    public int UserInitializeController() {
        IODispatchQueue interruptQueue = IODispatchQueue.Create(IODispatchQueue.INTERRUPT, 0, 0);
        fInterruptSource = IOInterruptDispatchSource.Create(GetProvider(), 0, interruptQueue);
        fInterruptSource.SetHandler(this::InterruptOccurred);
        fInterruptSource.SetEnable(true);
        fLock = IOLock.IOLockAlloc();
        fActionForSlot = new OSAction[maxTaskCount];
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> commandBuffer,
                                                                   SlotBuffer<SCSIUserParallelResponse> responseBuffer) {
        fCommands = commandBuffer;
        fResponses = responseBuffer;
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public void UserProcessBundledParallelTasks(SlotIndexArray parallelRequestSlotIndices, int parallelRequestSlotIndicesCount,
                                                OSAction completion) {
        for (int i = 0; i < parallelRequestSlotIndicesCount; i++) {
            int slot = parallelRequestSlotIndices.get(i);
            long bytes = fCommands.get(slot).fRequestedTransferCount();
            completion.retain();
            IOLock.IOLockLock(fLock);
            fActionForSlot[slot] = completion;
            IOLock.IOLockUnlock(fLock);
            GetProvider().start(slot, bytes); // may complete before it returns
        }
    }

    private void InterruptOccurred() {
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            int slot = done.tag();
            IOLock.IOLockLock(fLock);
            OSAction action = fActionForSlot[slot];
            fActionForSlot[slot] = null;
            IOLock.IOLockUnlock(fLock);
            if (action == null) {
                continue; // not ours (or already answered)
            }
            SCSIUserParallelTask task = fCommands.get(slot);
            writeOutcome(fResponses.get(slot)
                    .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                    .fTargetID(task.fTargetID())
                    .fControllerTaskIdentifier(task.fControllerTaskIdentifier()), done);
            BundledParallelTaskCompletion(action, new int[]{slot}, 1);
            action.release(); // the slot is not touched after its Complete
        }
    }
}
