package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.framework.SCSIServiceResponse;

/**
 * Wrong (CMP-1): plain-locked-fault-tolerant, except that the abort answers FUNCTION_COMPLETE for a
 * command it holds and leaves it in the table ("the interrupt handler cleans it up"). The answer has
 * completed the command; when the hardware's completion arrives the handler completes it again, after
 * writing a response slot the kernel has taken back (SLOT-3).
 */
@DriverDesign(name = "abort-answered-still-completed", path = DriverDesign.Path.BUNDLED, violates = {"CMP-1"},
        mayAlsoViolate = {"SLOT-3"}, summary = "Answers an abort FUNCTION_COMPLETE and still completes the command when the hardware does")
public class AbortAnsweredStillCompleted extends PlainLockedFaultTolerant {
    @Override
    public int UserAbortTaskRequest(long theT, long theL, long theQ, CallScoped<Integer> response) {
        IOLock.IOLockLock(fLock);
        boolean ours = slotOfTag(theT, theQ) >= 0;
        IOLock.IOLockUnlock(fLock);
        response.set(ours ? SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_COMPLETE
                : SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_REJECTED);
        return IOReturn.kIOReturnSuccess;
    }
}
