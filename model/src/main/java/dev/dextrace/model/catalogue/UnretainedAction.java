package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;

/**
 * Wrong (ACT-1): keeps the completion action past the Process call without retaining it, and
 * completes through it from the interrupt queue. With a shared action that "works" (ACT-1); with one
 * action per bundle the framework has already freed it (ACT-2).
 */
@DriverDesign(name = "unretained-action", path = DriverDesign.Path.BUNDLED, violates = {"ACT-1"}, mayAlsoViolate = {"ACT-2"},
        summary = "Stashes the completion action without retaining it")
public class UnretainedAction extends BundledRecommended {
    @Override
    protected void startCommand(int slot, OSAction completion) {
        recordInFlight(slot, completion);
        startHardware(slot);
    }

    @Override
    protected void releaseAfterComplete(OSAction action) {
        // nothing: this design holds no reference at this point
    }
}
