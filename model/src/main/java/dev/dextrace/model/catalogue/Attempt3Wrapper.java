package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.CallScoped;
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
 * The seed's attempt 3: UserProcessBundledParallelTasks copies each command slot into a local
 * SCSIUserParallelTask and passes it, with the address of a local {@code uint32_t response} and the
 * bundled action, into the old legacy dispatcher, which retains the action per command and keeps the
 * response pointer. The interrupt handler, moved to Default, writes through that pointer and completes
 * with the legacy ParallelTaskCompletion on the bundled action (ACT-4), after the local is gone
 * (ACT-5: the seed's "address size fault"). It does nothing at the stop, so with I/O outstanding the
 * references stay held (ACT-1) and later completions go through a torn-down action (ACT-3).
 */
@DriverDesign(name = "attempt3-wrapper", path = DriverDesign.Path.BUNDLED, violates = {"ACT-4", "ACT-5"},
        mayAlsoViolate = {"ACT-1", "ACT-3"},
        summary = "Seed attempt 3: bundled wrapper around the legacy dispatcher; stack response, legacy completion")
public class Attempt3Wrapper extends CatalogueDriver {
    /** What the legacy dispatcher keeps per task. */
    private record Pending(OSAction completion, CallScoped<Integer> response, long taskId, long targetId) {
    }

    private SlotBuffer<SCSIUserParallelTask> fCommandBuffer;
    private Pending[] pending;
    private IOInterruptDispatchSource interruptSource;

    public Attempt3Wrapper() {
        this(DEFAULT_TASK_COUNT);
    }

    public Attempt3Wrapper(int maxTaskCount) {
        super(maxTaskCount);
    }

    @Override
    public int UserInitializeController() {
        pending = new Pending[maxTaskCount];
        interruptSource = IOInterruptDispatchSource.Create(GetProvider(), 0, DefaultQueue());
        interruptSource.SetHandler(this::InterruptOccurred);
        interruptSource.SetEnable(true);
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> commandBuffer,
                                                                   SlotBuffer<SCSIUserParallelResponse> responseBuffer) {
        fCommandBuffer = commandBuffer;
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public void UserProcessBundledParallelTasks(SlotIndexArray parallelRequestSlotIndices, int parallelRequestSlotIndicesCount,
                                                OSAction completion) {
        for (int i = 0; i < parallelRequestSlotIndicesCount; i++) {
            SCSIUserParallelTask local = fCommandBuffer.get(parallelRequestSlotIndices.get(i)).copy();
            CallScoped<Integer> response = CallScoped.local("response", 0); // uint32_t response; (on the stack)
            legacyProcessParallelTask(local, response, completion);
        }
    }

    /** The old UserProcessParallelTask body, now called with a stack response and the bundled action. */
    private void legacyProcessParallelTask(SCSIUserParallelTask task, CallScoped<Integer> response, OSAction completion) {
        int index = (int) (task.fControllerTaskIdentifier() - 0x1000);
        completion.retain();
        pending[index] = new Pending(completion, response, task.fControllerTaskIdentifier(), task.fTargetID());
        GetProvider().start(index, task.fRequestedTransferCount());
        response.set(SCSIServiceResponse.kSCSIServiceResponse_Request_In_Process);
    }

    private void InterruptOccurred() {
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            Pending p = pending[done.tag()];
            if (p == null) {
                continue;
            }
            pending[done.tag()] = null;
            p.response().set(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE); // *response: a dead stack slot
            ParallelTaskCompletion(p.completion(), SCSIUserParallelResponse.create()
                    .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                    .fTargetID(p.targetId())
                    .fControllerTaskIdentifier(p.taskId())
                    .fCompletionStatus(done.scsiStatus())
                    .fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE)
                    .fBytesTransferred(done.bytesTransferred()));
            p.completion().release();
        }
    }
}
