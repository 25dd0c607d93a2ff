package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.hardware.HostBusAdapter;

/**
 * Wrong (CMP-3): answers TEST UNIT READY at once, both by completing through the action and by
 * returning TASK_COMPLETE. A final service response makes the kernel complete the I/O itself, so it
 * completes twice.
 */
@DriverDesign(name = "legacy-complete-and-return", path = DriverDesign.Path.LEGACY, violates = {"CMP-3"},
        summary = "Legacy: completes TEST UNIT READY through the action and also returns TASK_COMPLETE")
public class LegacyCompleteAndReturn extends LegacySerial {
    @Override
    public int UserProcessParallelTask(SCSIUserParallelTask parallelRequest, CallScoped<Integer> response, OSAction completion) {
        if (parallelRequest.fCommandDescriptorBlock()[0] != 0x00) {
            return super.UserProcessParallelTask(parallelRequest, response, completion);
        }
        TaskData t = new TaskData(completion, parallelRequest.fControllerTaskIdentifier(), parallelRequest.fTargetID());
        ParallelTaskCompletion(completion, response(t, new HbaCompletion(taskIndex(t.taskId()), HostBusAdapter.GOOD, 0)));
        response.set(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE);
        return IOReturn.kIOReturnSuccess;
    }
}
