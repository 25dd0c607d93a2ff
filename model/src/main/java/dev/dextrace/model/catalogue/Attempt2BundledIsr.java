package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.driverkit.SharedVariable;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;
import dev.dextrace.model.framework.SlotIndexArray;
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.hardware.IOInterruptDispatchSource;

/**
 * The seed's attempt 2: UserProcessBundledParallelTasks loops over the slots, reads each command,
 * starts the hardware, and only then marks the slot in flight and reads the command's timeout to arm
 * its watchdog. The interrupt handler, on its own queue, completes a slot only if it is marked in
 * flight. With zero latency the interrupt can overtake the loop: the table is shared by two queues
 * without a lock, the loop touches a slot already completed (SLOT-5), and a completion that
 * arrived before the mark is dropped and the kernel has to time the command out (CMP-1). Its stop
 * releases the action while completions may still come: ACT-1, and a completion through the null
 * action it left is a crash (EXC-1), in stop-with-io-outstanding only.
 */
@DriverDesign(name = "attempt2-bundled-isr", path = DriverDesign.Path.BUNDLED, violates = {"Q-3", "SLOT-5", "CMP-1"},
        mayAlsoViolate = {"ACT-1", "ACT-3", "EXC-1"},
        summary = "Seed attempt 2: bundled, completion from the interrupt queue, unsynchronized per-slot state")
public class Attempt2BundledIsr extends CatalogueDriver {
    protected static final int IDLE = 0;
    protected static final int IN_FLIGHT = 1;

    private SlotBuffer<SCSIUserParallelTask> fCommandBuffer;
    private SlotBuffer<SCSIUserParallelResponse> fResponseBuffer;
    private SharedVariable<Integer>[] fSlotState;
    private OSAction fCompletionAction;
    private IOInterruptDispatchSource interruptSource;

    public Attempt2BundledIsr() {
        this(DEFAULT_TASK_COUNT);
    }

    public Attempt2BundledIsr(int maxTaskCount) {
        super(maxTaskCount);
    }

    @Override
    public int UserInitializeController() {
        IODispatchQueue interruptQueue = IODispatchQueue.Create(IODispatchQueue.INTERRUPT, 0, 0);
        interruptSource = IOInterruptDispatchSource.Create(GetProvider(), 0, interruptQueue);
        interruptSource.SetHandler(this::InterruptOccurred);
        interruptSource.SetEnable(true);
        newSlotStateTable();
        return IOReturn.kIOReturnSuccess;
    }

    /** The per-slot table, each entry a SharedVariable (Attempt2PlainArray keeps it as the seed posted it). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void newSlotStateTable() {
        fSlotState = new SharedVariable[maxTaskCount];
        for (int i = 0; i < maxTaskCount; i++) {
            fSlotState[i] = SharedVariable.of("fSlotState[" + i + "]", IDLE);
        }
    }

    /** On Default, after the hardware started. */
    protected void markInFlight(int index) {
        fSlotState[index].set(IN_FLIGHT);
    }

    /** On the interrupt queue. */
    protected boolean isInFlight(int index) {
        return fSlotState[index].get() == IN_FLIGHT;
    }

    /** On the interrupt queue, completing the slot. */
    protected void markIdle(int index) {
        fSlotState[index].set(IDLE);
    }

    @Override
    public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> commandBuffer,
                                                                   SlotBuffer<SCSIUserParallelResponse> responseBuffer) {
        fCommandBuffer = commandBuffer;
        fResponseBuffer = responseBuffer;
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public void UserProcessBundledParallelTasks(SlotIndexArray parallelRequestSlotIndices, int parallelRequestSlotIndicesCount,
                                                OSAction completion) {
        if (fCompletionAction == null) {
            completion.retain(); // kept for the dext's lifetime; released in UserStopController
            fCompletionAction = completion;
        }
        for (int i = 0; i < parallelRequestSlotIndicesCount; i++) {
            int index = parallelRequestSlotIndices.get(i);
            SCSIUserParallelTask task = fCommandBuffer.get(index);
            GetProvider().start(index, task.fRequestedTransferCount());
            markInFlight(index);                    // too late: the interrupt may already have run
            armWatchdog(task.fTimeoutInMilliSec()); // touches the slot after its completion
        }
    }

    private void armWatchdog(long millis) {
        // the seed's watchdog timer; its arming is what matters here
    }

    private void InterruptOccurred() {
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            int index = done.tag();
            if (!isInFlight(index)) {
                continue; // "spurious" interrupt: dropped
            }
            markIdle(index);
            SCSIUserParallelTask task = fCommandBuffer.get(index);
            fResponseBuffer.get(index)
                    .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                    .fTargetID(task.fTargetID())
                    .fControllerTaskIdentifier(task.fControllerTaskIdentifier())
                    .fCompletionStatus(done.scsiStatus())
                    .fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE)
                    .fBytesTransferred(done.bytesTransferred());
            BundledParallelTaskCompletion(fCompletionAction, new int[]{index}, 1);
        }
    }

    @Override
    public int UserStopController() {
        if (fCompletionAction != null) {
            fCompletionAction.release();
            fCompletionAction = null;
        }
        return IOReturn.kIOReturnSuccess;
    }
}
