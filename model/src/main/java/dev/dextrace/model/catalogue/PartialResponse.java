package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong (SLOT-7): never writes fBytesTransferred, so the framework reads whatever the previous I/O
 * of that slot left there. The response must be fully written before Complete.
 */
@DriverDesign(name = "partial-response", path = DriverDesign.Path.BUNDLED, violates = {"SLOT-7"},
        summary = "Completes without writing fBytesTransferred")
public class PartialResponse extends BundledRecommended {
    @Override
    protected void fillResponse(int slot, HbaCompletion done) {
        SCSIUserParallelTask task = commands.get(slot);
        responses.get(slot)
                .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                .fTargetID(task.fTargetID())
                .fControllerTaskIdentifier(task.fControllerTaskIdentifier())
                .fCompletionStatus(done.scsiStatus())
                .fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE);
    }
}
