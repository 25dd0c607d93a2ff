package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOReturn;

/**
 * Wrong (ACT-1, ACT-3): legacy-locked-interrupt-queue, except that UserStopController leaves the tasks
 * in flight to the interrupt handler ("it finishes them"). The stop returns with the tasks' actions still
 * retained (ACT-1), and a completion that arrives afterwards goes through an action the kernel has
 * torn down (ACT-3).
 */
@DriverDesign(name = "legacy-stop-ignores-io", path = DriverDesign.Path.LEGACY, violates = {"ACT-1", "ACT-3"},
        summary = "Legacy: returns from UserStopController with tasks in flight and completes them afterwards")
public class LegacyStopIgnoresIo extends LegacyLockedInterruptQueue {
    @Override
    public int UserStopController() {
        return IOReturn.kIOReturnSuccess; // the interrupt handler finishes what is in flight
    }
}
