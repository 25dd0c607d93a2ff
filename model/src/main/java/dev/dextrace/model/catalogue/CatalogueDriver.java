package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.framework.SCSIServiceResponse;
import dev.dextrace.model.framework.SCSITaskStatus;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.hardware.HbaCompletion;

/** What every catalogue design shares: its task count N, four by default so scenarios reissue slots. */
public abstract class CatalogueDriver extends IOUserSCSIParallelInterfaceController {
    public static final int DEFAULT_TASK_COUNT = 4;

    protected final int maxTaskCount;

    protected CatalogueDriver(int maxTaskCount) {
        this.maxTaskCount = maxTaskCount;
    }

    @Override
    public int UserReportMaximumTaskCount() {
        return maxTaskCount;
    }

    /**
     * Waits until the block running on {@code queue} (an interrupt handler in the middle of a completion)
     * has returned: an empty DispatchSync. A stop does this so no completion is under way when it returns.
     */
    protected static void waitForHandler(IODispatchQueue queue) {
        queue.DispatchSync(() -> {
            // nothing: only the wait matters
        });
    }

    /**
     * Writes what the hardware reported into a response (PROTOCOL.md §9): a delivery failure as
     * SERVICE_DELIVERY_OR_TARGET_FAILURE, anything else as TASK_COMPLETE with the device's status, its
     * autosense data (CHECK_CONDITION) and the bytes that moved.
     */
    protected static SCSIUserParallelResponse writeOutcome(SCSIUserParallelResponse r, HbaCompletion done) {
        if (done.deliveryFailure()) {
            r.fCompletionStatus(SCSITaskStatus.kSCSITaskStatus_DeliveryFailure)
                    .fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_SERVICE_DELIVERY_OR_TARGET_FAILURE);
        } else {
            r.fCompletionStatus(done.scsiStatus()).fServiceResponse(SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE);
            if (done.senseLength() > 0) {
                r.senseData(done.senseData());
            }
        }
        return r.fBytesTransferred(done.bytesTransferred());
    }
}
