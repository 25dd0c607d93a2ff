package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong (SLOT-4): the error path reports a failed command at once ("so the kernel sees the error
 * early"), then falls through to the common path, which completes the slot again with the rest of the
 * interrupt's batch. The second Complete returns a slot the dext no longer owns (maybe reissued).
 */
@DriverDesign(name = "error-path-double-complete", path = DriverDesign.Path.BUNDLED, violates = {"SLOT-4"},
        summary = "Completes a failed command on the error path and again with the batch")
public class ErrorPathDoubleComplete extends BundledRecommended {
    @Override
    protected boolean failCommand(OSAction action, HbaCompletion done) {
        fillResponse(done.tag(), done);
        BundledParallelTaskCompletion(action, new int[]{done.tag()}, 1);
        return true;
    }
}
