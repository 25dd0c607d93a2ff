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
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.hardware.IOInterruptDispatchSource;

/**
 * Correct legacy dext as most are written: UserProcessParallelTask on Default, the completion on the
 * dext's own interrupt queue, the per-task table in plain ivars under one {@code IOLock}, and hardware
 * tags of its own ({@link TagTable}). Every exit takes the command out of the table under the lock
 * first, so exactly one of them completes or abandons it: the interrupt handler completes once and
 * releases; an abort that finds the command answers FUNCTION_COMPLETE and releases (else
 * FUNCTION_REJECTED: the completion is under way); the stop abandons what is left and waits for a
 * completion the handler already took; a timed-out command is still completed (the kernel drops it)
 * so its reference is not leaked. Breaks no rule.
 */
@DriverDesign(name = "legacy-locked-interrupt-queue", path = DriverDesign.Path.LEGACY,
        summary = "Legacy path; completion on its own interrupt queue; per-task ivars and own tags under an IOLock; answers aborts and the stop")
public class LegacyLockedInterruptQueue extends CatalogueDriver {
    /** What the dext keeps per pool task between submission and completion. */
    protected record Pending(OSAction completion, long taskId, long targetId, long taskTag) {
    }

    protected IOLock fLock;
    protected Pending[] fPending;
    private TagTable fTags;
    private IODispatchQueue fInterruptQueue;
    private IOInterruptDispatchSource fInterruptSource;

    public LegacyLockedInterruptQueue() {
        super(DEFAULT_TASK_COUNT);
    }

    @Override
    public int UserInitializeController() {
        fLock = IOLock.IOLockAlloc();
        fPending = new Pending[maxTaskCount];
        fTags = new TagTable(0x7000, maxTaskCount);
        fInterruptQueue = IODispatchQueue.Create(IODispatchQueue.INTERRUPT, 0, 0);
        fInterruptSource = IOInterruptDispatchSource.Create(GetProvider(), 0, fInterruptQueue);
        fInterruptSource.SetHandler(this::InterruptOccurred);
        fInterruptSource.SetEnable(true);
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public int UserProcessParallelTask(SCSIUserParallelTask parallelRequest, CallScoped<Integer> response, OSAction completion) {
        int task = LegacySerial.taskIndex(parallelRequest.fControllerTaskIdentifier());
        completion.retain();
        IOLock.IOLockLock(fLock);
        fPending[task] = new Pending(completion, parallelRequest.fControllerTaskIdentifier(), parallelRequest.fTargetID(),
                parallelRequest.fTaskTagIdentifier());
        int tag = fTags.assign(task);
        IOLock.IOLockUnlock(fLock);
        GetProvider().start(tag, parallelRequest.fRequestedTransferCount()); // may complete before it returns
        response.set(SCSIServiceResponse.kSCSIServiceResponse_Request_In_Process);
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public int UserAbortTaskRequest(long theT, long theL, long theQ, CallScoped<Integer> response) {
        IOLock.IOLockLock(fLock);
        int task = taskOfTag(theT, theQ);
        Pending p = task < 0 ? null : fPending[task];
        if (p != null) {
            fPending[task] = null; // the interrupt handler will find nothing to complete
        }
        IOLock.IOLockUnlock(fLock);
        if (p != null) {
            p.completion().release();
        }
        response.set(p != null ? SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_COMPLETE
                : SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_REJECTED);
        return IOReturn.kIOReturnSuccess;
    }

    /** Under fLock: the pool task whose command has this target and SCSI tag, or -1 (it is completing, or not ours). */
    protected int taskOfTag(long theT, long theQ) {
        for (int task = 0; task < maxTaskCount; task++) {
            Pending p = fPending[task];
            if (p != null && p.targetId() == theT && p.taskTag() == theQ) {
                return task;
            }
        }
        return -1;
    }

    @Override
    public int UserStopController() {
        java.util.List<OSAction> held = new java.util.ArrayList<>();
        IOLock.IOLockLock(fLock);
        for (int task = 0; task < maxTaskCount; task++) {
            if (fPending[task] != null) {
                held.add(fPending[task].completion());
                fPending[task] = null;
            }
        }
        IOLock.IOLockUnlock(fLock);
        held.forEach(OSAction::release);
        waitForHandler(fInterruptQueue); // a completion the handler took before the stop ends before it returns
        return IOReturn.kIOReturnSuccess;
    }

    private void InterruptOccurred() {
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            IOLock.IOLockLock(fLock);
            int task = fTags.take(done.tag());
            Pending p = task < 0 ? null : fPending[task];
            if (p != null) {
                fPending[task] = null;
            }
            IOLock.IOLockUnlock(fLock);
            if (p == null) {
                continue; // aborted, abandoned at the stop, or not ours
            }
            ParallelTaskCompletion(p.completion(), writeOutcome(SCSIUserParallelResponse.create()
                    .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                    .fTargetID(p.targetId())
                    .fControllerTaskIdentifier(p.taskId()), done));
            p.completion().release();
        }
    }
}
