package ${package};

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.driverkit.IODispatchQueue;
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
 * Your dext's dispatch logic, ported line by line from its {@code _Impl} methods. This sample is the
 * forum's "attempt 2": the submit loop starts the hardware and only then records the command as in
 * flight in a per-slot struct; the interrupt handler, on its own queue, completes only commands it finds
 * in flight. With a fast device the interrupt overtakes the loop; and a stop with I/O outstanding drops the
 * completion action the interrupt handler still completes through (EXC-1). The interrupt handler that finds a
 * finished command not yet marked in flight drops it, which breaks your own rule DEXT-1 ({@link FinishedCommandsComplete},
 * registered here with {@code invariants}). Its {@code @DriverDesign} declares the rules dextrace shows it breaks, so its
 * tests pass while you fix it: fix the order (record, then start), keep the table under an {@code IOLock}, and
 * remove the rules from {@code violates} one by one.
 */
@DriverDesign(name = "my-dext", path = DriverDesign.Path.BUNDLED, violates = {"Q-3", "SLOT-5", "CMP-1", "EXC-1", "DEXT-1"},
        mayAlsoViolate = {"ACT-1", "ACT-3"}, invariants = FinishedCommandsComplete.class,
        summary = "The sample port: attempt 2, per-slot structs shared by Default and the interrupt queue")
public class MyDext extends IOUserSCSIParallelInterfaceController {
    private static final int kMaxTasks = 4;

    /** What the dext keeps per slot, as the C++ struct in its ivars. */
    static final class SlotContext {
        boolean inFlight;
        long deadline;
    }

    private final SlotContext[] fSlots = new SlotContext[kMaxTasks];
    private SlotBuffer<SCSIUserParallelTask> fCommands;
    private SlotBuffer<SCSIUserParallelResponse> fResponses;
    private OSAction fCompletion;
    private IOInterruptDispatchSource fInterruptSource;

    @Override
    public int UserReportMaximumTaskCount() {
        return kMaxTasks;
    }

    @Override
    public int UserInitializeController() {
        for (int i = 0; i < kMaxTasks; i++) {
            fSlots[i] = new SlotContext();
        }
        IODispatchQueue queue = IODispatchQueue.Create(IODispatchQueue.INTERRUPT, 0, 0);
        fInterruptSource = IOInterruptDispatchSource.Create(GetProvider(), 0, queue);
        fInterruptSource.SetHandler(this::InterruptOccurred);
        fInterruptSource.SetEnable(true);
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
        if (fCompletion == null) {
            completion.retain();
            fCompletion = completion;
        }
        for (int i = 0; i < parallelRequestSlotIndicesCount; i++) {
            int slot = parallelRequestSlotIndices.get(i);
            SCSIUserParallelTask cmd = fCommands.get(slot);
            GetProvider().start(slot, cmd.fRequestedTransferCount());
            fSlots[slot].inFlight = true;                    // the bug: after the start
            fSlots[slot].deadline = cmd.fTimeoutInMilliSec(); // reads a slot that may be completed already
        }
    }

    private void InterruptOccurred() {
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            int slot = done.tag();
            if (!fSlots[slot].inFlight) {
                continue; // taken for a spurious interrupt: the completion is lost
            }
            fSlots[slot].inFlight = false;
            SCSIUserParallelTask cmd = fCommands.get(slot);
            fResponses.get(slot)
                    .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                    .fTargetID(cmd.fTargetID())
                    .fControllerTaskIdentifier(cmd.fControllerTaskIdentifier())
                    .fCompletionStatus(done.scsiStatus())
                    .fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE)
                    .fBytesTransferred(done.bytesTransferred());
            BundledParallelTaskCompletion(fCompletion, new int[]{slot}, 1);
        }
    }

    @Override
    public int UserStopController() {
        if (fCompletion != null) {
            fCompletion.release();
            fCompletion = null;
        }
        return IOReturn.kIOReturnSuccess;
    }
}
