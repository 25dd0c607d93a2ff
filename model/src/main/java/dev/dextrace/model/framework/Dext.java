package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.OSAction;

/**
 * What the kernel calls on the dext: the framework-called {@code User...} methods of
 * {@code IOUserSCSIParallelInterfaceController}, and the QUEUENAME a method is routed by. Declared
 * here, on the kernel's side, so the kernel needs nothing else of the driver package (which builds
 * on the framework, not the other way round).
 */
public interface Dext {
    int UserInitializeController();

    int UserReportMaximumTaskCount();

    int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> parallelTaskCommandBuffer,
                                                            SlotBuffer<SCSIUserParallelResponse> parallelTaskResponseBuffer);

    int UserStartController();

    int UserStopController();

    void UserProcessBundledParallelTasks(SlotIndexArray parallelRequestSlotIndices, int parallelRequestSlotIndicesCount,
                                         OSAction completion);

    int UserProcessParallelTask(SCSIUserParallelTask parallelRequest, CallScoped<Integer> response, OSAction completion);

    // SAM-2 task management (PROTOCOL.md §9): synchronous, on Default, the answer in *response

    int UserAbortTaskRequest(long theT, long theL, long theQ, CallScoped<Integer> response);

    int UserAbortTaskSetRequest(long theT, long theL, CallScoped<Integer> response);

    int UserClearACARequest(long theT, long theL, CallScoped<Integer> response);

    int UserClearTaskSetRequest(long theT, long theL, CallScoped<Integer> response);

    int UserLogicalUnitResetRequest(long theT, long theL, CallScoped<Integer> response);

    int UserTargetResetRequest(long theT, CallScoped<Integer> response);

    /** The QUEUENAME on the dext's {@code method}, or null: the kernel then calls it on Default. */
    String queueNameOf(String method);
}
