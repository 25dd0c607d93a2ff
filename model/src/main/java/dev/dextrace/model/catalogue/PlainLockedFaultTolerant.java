package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIServiceResponse;
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
 * reference taken for it is not leaked. The kernel's own faults (PROTOCOL.md §9) take the same care:
 * an abort takes its command out of the table under the lock and answers FUNCTION_COMPLETE only if it
 * did (the interrupt handler then finds nothing), else FUNCTION_REJECTED (the completion is under way);
 * a target removal needs nothing (the late completion is dropped by the kernel); the stop abandons
 * every command still in the table and releases its reference. Breaks no rule.
 */
@DriverDesign(name = "plain-locked-fault-tolerant", path = DriverDesign.Path.BUNDLED,
        summary = "Bundled path; plain per-slot ivars under an IOLock; one exit for every hardware outcome")
public class PlainLockedFaultTolerant extends CatalogueDriver {
    protected IOLock fLock;
    protected OSAction[] fActionForSlot;
    protected SlotBuffer<SCSIUserParallelTask> fCommands;
    private SlotBuffer<SCSIUserParallelResponse> fResponses;
    private IOInterruptDispatchSource fInterruptSource;
    private IODispatchQueue fInterruptQueue;

    public PlainLockedFaultTolerant() {
        super(DEFAULT_TASK_COUNT);
    }

    @Override
    public int UserInitializeController() {
        fInterruptQueue = IODispatchQueue.Create(IODispatchQueue.INTERRUPT, 0, 0);
        fInterruptSource = IOInterruptDispatchSource.Create(GetProvider(), 0, fInterruptQueue);
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
            int tag = tagFor(slot);
            IOLock.IOLockUnlock(fLock);
            GetProvider().start(tag, bytes); // may complete before it returns
        }
    }

    @Override
    public int UserAbortTaskRequest(long theT, long theL, long theQ, CallScoped<Integer> response) {
        OSAction action = null;
        IOLock.IOLockLock(fLock);
        int slot = slotOfTag(theT, theQ);
        if (slot >= 0) {
            action = fActionForSlot[slot];
            fActionForSlot[slot] = null; // the interrupt handler will find nothing to complete
        }
        IOLock.IOLockUnlock(fLock);
        if (action != null) {
            action.release();
        }
        response.set(action != null ? SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_COMPLETE
                : SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_REJECTED);
        return IOReturn.kIOReturnSuccess;
    }

    /** Under fLock: the slot of the command in flight with this target and tag, or -1 (it is completing, or not ours). */
    protected int slotOfTag(long theT, long theQ) {
        for (int slot = 0; slot < maxTaskCount; slot++) {
            if (fActionForSlot[slot] != null) {
                SCSIUserParallelTask task = fCommands.get(slot); // still ours: its Complete has not run
                if (task.fTargetID() == theT && task.fTaskTagIdentifier() == theQ) {
                    return slot;
                }
            }
        }
        return -1;
    }

    /**
     * Stop with I/O outstanding: every command still in the table is abandoned (the kernel fails it) and
     * its reference released; a completion the handler already took is waited for.
     */
    @Override
    public int UserStopController() {
        java.util.List<OSAction> held = new java.util.ArrayList<>();
        IOLock.IOLockLock(fLock);
        for (int slot = 0; slot < maxTaskCount; slot++) {
            if (fActionForSlot[slot] != null) {
                held.add(fActionForSlot[slot]);
                fActionForSlot[slot] = null;
            }
        }
        IOLock.IOLockUnlock(fLock);
        held.forEach(OSAction::release);
        waitForHandler(fInterruptQueue); // a completion the handler took before the stop ends before it returns
        return IOReturn.kIOReturnSuccess;
    }

    /** Under fLock: the tag the hardware gets for the command in {@code slot}; here the slot index itself. */
    protected int tagFor(int slot) {
        return slot;
    }

    /** Under fLock: the slot a finished hardware tag belongs to, or -1 if none (a stale or foreign tag). */
    protected int slotOfHardwareTag(int tag) {
        return tag >= 0 && tag < maxTaskCount ? tag : -1;
    }

    protected void InterruptOccurred() {
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            complete(done);
        }
    }

    /** Completes the command the hardware finished, once: whichever exit takes it out of the table first wins. */
    protected void complete(HbaCompletion done) {
        IOLock.IOLockLock(fLock);
        int slot = slotOfHardwareTag(done.tag());
        OSAction action = slot < 0 ? null : fActionForSlot[slot];
        if (slot >= 0) {
            fActionForSlot[slot] = null;
        }
        IOLock.IOLockUnlock(fLock);
        if (action == null) {
            return; // not ours (or already answered)
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
