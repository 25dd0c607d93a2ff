package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;

/**
 * Wrong (SLOT-1): "initialises" every response slot with version 1 while mapping the buffers, before
 * the framework has handed any slot over. At start the framework owns every slot.
 */
@DriverDesign(name = "eager-response-prefill", path = DriverDesign.Path.BUNDLED, violates = {"SLOT-1"},
        summary = "Writes every response slot while mapping the buffers, before any slot is issued")
public class EagerResponsePrefill extends BundledRecommended {
    @Override
    public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> commandBuffer,
                                                                   SlotBuffer<SCSIUserParallelResponse> responseBuffer) {
        int ret = super.UserMapBundledParallelTaskCommandAndResponseBuffers(commandBuffer, responseBuffer);
        for (int i = 0; i < responseBuffer.length(); i++) {
            responseBuffer.get(i).version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1);
        }
        return ret;
    }
}
