package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;

/**
 * Wrong (SLOT-4): calls BundledParallelTaskCompletion twice per slot, once "to return the slot" and
 * once "to report status". The second returns a slot the dext no longer owns: by then it may already
 * be reissued, and the completion would be credited to the next I/O.
 */
@DriverDesign(name = "double-complete", path = DriverDesign.Path.BUNDLED, violates = {"SLOT-4"},
        summary = "Completes each slot twice")
public class DoubleComplete extends BundledRecommended {
    @Override
    protected void returnSlots(OSAction action, int[] slots) {
        super.returnSlots(action, slots);
        super.returnSlots(action, slots);
    }
}
