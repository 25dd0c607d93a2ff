package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.CommandTable;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong (EXC-1): keeps a per-slot expected transfer length, recorded only for commands that move data,
 * and the interrupt handler computes the residual from it for every completion. For a command without
 * data (TEST UNIT READY) the entry is null: NullPointerException out of the handler, and every command
 * that interrupt drained is never completed (CMP-1 when the kernel times it out, ACT-1 for the
 * reference Process took on its action). Completions the handler had not drained yet stay in the
 * ring; when the kernel has timed out and reissued such a slot, the next interrupt takes the stale
 * completion for the new command and clears its table entry before Process records it (CMP-2).
 */
@DriverDesign(name = "throwing-interrupt-handler", path = DriverDesign.Path.BUNDLED, violates = {"EXC-1"},
        mayAlsoViolate = {"ACT-1", "CMP-1", "CMP-2"},
        summary = "The interrupt handler dereferences a per-slot entry that is null for commands without data")
public class ThrowingInterruptHandler extends BundledRecommended {
    /** Slot → bytes the command asked for; only commands with data get an entry. */
    private CommandTable<Integer> expectedBytes;
    private long residualBytes;

    @Override
    public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> commandBuffer,
                                                                   SlotBuffer<SCSIUserParallelResponse> responseBuffer) {
        expectedBytes = newCommandTable("expectedBytes", maxTaskCount);
        return super.UserMapBundledParallelTaskCommandAndResponseBuffers(commandBuffer, responseBuffer);
    }

    @Override
    protected void recordInFlight(int slot, OSAction completion) {
        long requested = commands.get(slot).fRequestedTransferCount();
        IOLock.IOLockLock(lock);
        inFlight.put(slot, completion);
        if (requested > 0) {
            expectedBytes.put(slot, (int) requested);
        }
        IOLock.IOLockUnlock(lock);
    }

    @Override
    protected void fillResponse(int slot, HbaCompletion done) {
        IOLock.IOLockLock(lock);
        Integer expected = expectedBytes.remove(slot);
        IOLock.IOLockUnlock(lock);
        residualBytes += expected - done.bytesTransferred(); // the mistake: null for a command without data
        super.fillResponse(slot, done);
    }
}
