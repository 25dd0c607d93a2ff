package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SlotIndexArray;

/**
 * Wrong (SLOT-2): walks the index array like a zero-terminated C list instead of stopping at the
 * count, so it reads the entry just past the bundle. Entries at or beyond count are not the dext's.
 */
@DriverDesign(name = "sentinel-terminated-indices", path = DriverDesign.Path.BUNDLED, violates = {"SLOT-2"},
        summary = "Loops over the index array until a 0 entry instead of stopping at the count")
public class SentinelTerminatedIndices extends BundledRecommended {
    @Override
    public void UserProcessBundledParallelTasks(SlotIndexArray parallelRequestSlotIndices, int parallelRequestSlotIndicesCount,
                                                OSAction completion) {
        for (int i = 0; i < SlotIndexArray.kMaxBundledParallelTasks; i++) {
            int slot = parallelRequestSlotIndices.get(i);
            if (i > 0 && slot == 0) {
                break;
            }
            startCommand(slot, completion);
        }
    }
}
