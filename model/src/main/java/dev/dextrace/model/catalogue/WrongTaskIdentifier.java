package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong (SLOT-6): answers with the command's fTaskTagIdentifier where fControllerTaskIdentifier
 * belongs. Response slot i must answer command slot i with the same task ID and target.
 */
@DriverDesign(name = "wrong-task-identifier", path = DriverDesign.Path.BUNDLED, violates = {"SLOT-6"},
        summary = "Writes the tag, not the controller task ID, into the response")
public class WrongTaskIdentifier extends BundledRecommended {
    @Override
    protected void fillResponse(int slot, HbaCompletion done) {
        SCSIUserParallelTask task = commands.get(slot);
        responses.get(slot)
                .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                .fTargetID(task.fTargetID())
                .fControllerTaskIdentifier(task.fTaskTagIdentifier())
                .fCompletionStatus(done.scsiStatus())
                .fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE)
                .fBytesTransferred(done.bytesTransferred());
    }
}
