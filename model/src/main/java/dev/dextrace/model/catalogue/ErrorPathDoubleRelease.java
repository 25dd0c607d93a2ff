package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong (ACT-1): the error path drops the command's reference to the action ("this command is done
 * for"), and the common path releases it again after the Complete: one release more than it retained,
 * which can free the framework's own reference.
 */
@DriverDesign(name = "error-path-double-release", path = DriverDesign.Path.BUNDLED, violates = {"ACT-1"},
        mayAlsoViolate = {"ACT-2"}, summary = "Releases a failed command's action on the error path and again after Complete")
public class ErrorPathDoubleRelease extends BundledRecommended {
    @Override
    protected boolean failCommand(OSAction action, HbaCompletion done) {
        fillResponse(done.tag(), done);
        action.release();
        return true;
    }
}
