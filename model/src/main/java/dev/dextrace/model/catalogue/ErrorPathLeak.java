package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong (CMP-1, ACT-1): the error path logs the failure and returns, leaving the command to "the
 * kernel's timeout". The slot is never completed (the kernel has to time out a command the hardware
 * finished) and the reference taken for it is never released.
 */
@DriverDesign(name = "error-path-leak", path = DriverDesign.Path.BUNDLED, violates = {"CMP-1", "ACT-1"},
        summary = "Neither completes nor releases a failed command")
public class ErrorPathLeak extends BundledRecommended {
    @Override
    protected boolean failCommand(OSAction action, HbaCompletion done) {
        return false;
    }
}
