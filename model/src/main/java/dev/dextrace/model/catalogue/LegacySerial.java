package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.hardware.IOInterruptDispatchSource;

/**
 * Apple's example for the legacy path: everything on Default. UserProcessParallelTask looks up the
 * task, retains and stashes the completion, posts the request and answers Request_In_Process; the
 * interrupt handler, also on Default, completes once with ParallelTaskCompletion and releases.
 * Breaks no rule: Default is serial, so the completion cannot overtake the submitting call.
 */
@DriverDesign(name = "legacy-serial", path = DriverDesign.Path.LEGACY,
        summary = "Legacy path, everything on Default: retain, post, Request_In_Process; complete once and release")
public class LegacySerial extends CatalogueDriver {
    /** What the dext keeps per task between submission and completion (its TaskData). */
    protected record TaskData(OSAction completion, long taskId, long targetId) {
    }

    protected TaskData[] taskData;
    protected IOInterruptDispatchSource interruptSource;

    public LegacySerial() {
        this(DEFAULT_TASK_COUNT);
    }

    public LegacySerial(int maxTaskCount) {
        super(maxTaskCount);
    }

    @Override
    public int UserInitializeController() {
        taskData = new TaskData[maxTaskCount];
        interruptSource = IOInterruptDispatchSource.Create(GetProvider(), 0, DefaultQueue());
        interruptSource.SetHandler(this::InterruptOccurred);
        interruptSource.SetEnable(true);
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public int UserProcessParallelTask(SCSIUserParallelTask parallelRequest, CallScoped<Integer> response, OSAction completion) {
        int task = taskIndex(parallelRequest.fControllerTaskIdentifier());
        completion.retain();
        taskData[task] = new TaskData(completion, parallelRequest.fControllerTaskIdentifier(), parallelRequest.fTargetID());
        GetProvider().start(task, parallelRequest.fRequestedTransferCount()); // PostSCSIRequest
        response.set(SCSIServiceResponse.kSCSIServiceResponse_Request_In_Process);
        return IOReturn.kIOReturnSuccess;
    }

    /** fControllerTaskIdentifier is the ID this dext gave pool task i in UserMapHBAData: 0x1000 + i. */
    protected static int taskIndex(long controllerTaskIdentifier) {
        return (int) (controllerTaskIdentifier - 0x1000);
    }

    protected void InterruptOccurred() {
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            complete(done);
        }
    }

    protected void complete(HbaCompletion done) {
        TaskData t = taskData[done.tag()];
        if (t == null) {
            return;
        }
        taskData[done.tag()] = null;
        ParallelTaskCompletion(t.completion(), response(t, done));
        t.completion().release();
    }

    protected static SCSIUserParallelResponse response(TaskData t, HbaCompletion done) {
        return writeOutcome(SCSIUserParallelResponse.create()
                .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                .fTargetID(t.targetId())
                .fControllerTaskIdentifier(t.taskId()), done);
    }
}
