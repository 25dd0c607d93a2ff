package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;

/**
 * Wrong (ACT-2): balances retain and release inside Process ("the framework keeps it alive") and
 * completes through the action later. With one action per bundle the framework drops its reference
 * when Process returns, so the completion and the final release use freed memory (ACT-2); with a
 * shared action it is "only" a use without a reference (ACT-1).
 */
@DriverDesign(name = "early-release", path = DriverDesign.Path.BUNDLED, violates = {"ACT-2"}, mayAlsoViolate = {"ACT-1"},
        summary = "Releases the action before its asynchronous completion")
public class EarlyRelease extends BundledRecommended {
    @Override
    protected void startCommand(int slot, OSAction completion) {
        completion.retain();
        recordInFlight(slot, completion);
        startHardware(slot);
        completion.release();
    }

    @Override
    protected void releaseAfterComplete(OSAction action) {
        // nothing: this design holds no reference at this point
    }
}
