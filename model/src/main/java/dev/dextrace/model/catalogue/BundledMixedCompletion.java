package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.hardware.HostBusAdapter;

/**
 * A correct design with two completion paths: TEST UNIT READY needs no data, so it is answered inside
 * Process (on Default, through the action Process delivered, no retain needed within the call);
 * everything else goes to the hardware and completes from the interrupt queue. Breaks no rule.
 */
@DriverDesign(name = "bundled-mixed-completion", path = DriverDesign.Path.BUNDLED,
        summary = "Correct; completes TEST UNIT READY inside Process and other commands from the interrupt queue")
public class BundledMixedCompletion extends BundledRecommended {

    @Override
    protected void startCommand(int slot, OSAction completion) {
        if (commands.get(slot).fCommandDescriptorBlock()[0] != 0x00) {
            super.startCommand(slot, completion);
            return;
        }
        fillResponse(slot, new HbaCompletion(slot, HostBusAdapter.GOOD, 0));
        BundledParallelTaskCompletion(completion, new int[]{slot}, 1);
    }
}
