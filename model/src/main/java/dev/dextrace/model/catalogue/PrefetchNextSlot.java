package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;

/**
 * Wrong (SLOT-3): after starting a command it prefetches the CDB of the next slot, assuming bundles
 * are consecutive. That slot is usually not the dext's (SLOT-3), or one it already completed (SLOT-5).
 */
@DriverDesign(name = "prefetch-next-slot", path = DriverDesign.Path.BUNDLED, violates = {"SLOT-3"}, mayAlsoViolate = {"SLOT-5"},
        summary = "Prefetches the command slot after each one it starts, owned or not")
public class PrefetchNextSlot extends BundledRecommended {
    @Override
    protected void startCommand(int slot, OSAction completion) {
        super.startCommand(slot, completion);
        commands.get((slot + 1) % maxTaskCount).fCommandDescriptorBlock();
    }
}
