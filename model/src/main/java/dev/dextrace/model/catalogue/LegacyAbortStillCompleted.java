package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.framework.SCSIServiceResponse;

/**
 * Wrong (CMP-1): legacy-locked-interrupt-queue, except that the abort answers FUNCTION_COMPLETE for a
 * command it holds and leaves it in the table ("the interrupt handler cleans it up"). The answer has
 * completed the task; when the hardware's completion arrives the handler completes it again through
 * the task's action.
 */
@DriverDesign(name = "legacy-abort-still-completed", path = DriverDesign.Path.LEGACY, violates = {"CMP-1"},
        summary = "Legacy: answers an abort FUNCTION_COMPLETE and still completes the task when the hardware does")
public class LegacyAbortStillCompleted extends LegacyLockedInterruptQueue {
    @Override
    public int UserAbortTaskRequest(long theT, long theL, long theQ, CallScoped<Integer> response) {
        IOLock.IOLockLock(fLock);
        boolean ours = taskOfTag(theT, theQ) >= 0;
        IOLock.IOLockUnlock(fLock);
        response.set(ours ? SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_COMPLETE
                : SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_REJECTED);
        return IOReturn.kIOReturnSuccess;
    }
}
