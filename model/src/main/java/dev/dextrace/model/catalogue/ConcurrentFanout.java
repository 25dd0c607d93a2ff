package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;

/**
 * Wrong: fans each command of a bundle out with DispatchConcurrent on Default, a serial queue
 * that was never created reentrant. The fanned-out blocks run while Process, another block of
 * Default, is still running: two blocks of one serial queue overlap. A fanned-out block may even run
 * after UserStopController (ACT-1, ACT-3) or record a command already over (CMP-2).
 */
@DriverDesign(name = "concurrent-fanout", path = DriverDesign.Path.BUNDLED, violates = {"Q-2"},
        mayAlsoViolate = {"ACT-1", "ACT-3", "CMP-2"},
        summary = "DispatchConcurrent on the serial Default queue to start commands in parallel")
public class ConcurrentFanout extends BundledRecommended {
    @Override
    protected void startCommand(int slot, OSAction completion) {
        completion.retain();
        DefaultQueue().DispatchConcurrent(() -> {
            recordInFlight(slot, completion);
            startHardware(slot);
        });
    }
}
