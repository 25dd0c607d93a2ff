package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOReturn;

/**
 * Wrong (ACT-1, ACT-3): plain-locked-fault-tolerant, except that UserStopController leaves the commands
 * in flight to the interrupt handler ("it finishes them"). The stop returns with the actions still
 * retained (ACT-1), and the completions that arrive afterwards go through actions the kernel has torn
 * down (ACT-3).
 */
@DriverDesign(name = "stop-ignores-io-outstanding", path = DriverDesign.Path.BUNDLED, violates = {"ACT-1", "ACT-3"},
        summary = "Returns from UserStopController with commands in flight and completes them afterwards")
public class StopIgnoresIoOutstanding extends PlainLockedFaultTolerant {
    @Override
    public int UserStopController() {
        return IOReturn.kIOReturnSuccess; // the interrupt handler finishes what is in flight
    }
}
