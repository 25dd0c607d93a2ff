package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;

/**
 * Wrong (CMP-2, CMP-1): a race between two queues the dext created. Process hands each command to the
 * dext's own serial submission queue, whose block starts the hardware and then records the command
 * in the table ("the submission queue is serial, nothing can come in between"). But the interrupt
 * handler runs on the interrupt queue, another queue: it can look the command up between the start
 * and the record, find nothing, and drop the completion; the record then revives a command that is over
 * (CMP-2). The kernel times out a command the hardware finished (CMP-1), and the reference taken for it
 * is never released (ACT-1); a submission block still under way at the stop completes through the
 * torn-down action (ACT-3). With the two queues taking
 * turns on one thread the record always comes first and nothing shows.
 */
@DriverDesign(name = "submit-queue-records-late", path = DriverDesign.Path.BUNDLED, violates = {"CMP-1", "CMP-2"},
        mayAlsoViolate = {"ACT-1", "ACT-3"}, summary = "A submission queue of its own starts the hardware, then records the command the interrupt queue looks up")
public class SubmitQueueRecordsLate extends BundledRecommended {
    private IODispatchQueue submitQueue;

    @Override
    public int UserInitializeController() {
        super.UserInitializeController(); // the interrupt queue first
        submitQueue = IODispatchQueue.Create("SubmitQueue", 0, 0);
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    protected void startCommand(int slot, OSAction completion) {
        completion.retain();
        submitQueue.DispatchAsync(() -> {
            startHardware(slot);
            recordInFlight(slot, completion); // the mistake: the interrupt queue may already have looked
        });
    }
}
