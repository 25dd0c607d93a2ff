package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOLib;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;

/**
 * Wrong (HANG-1): Process waits for the hardware by polling, "so the table cannot change under the
 * command": it keeps the table lock, starts the hardware, and busy-waits with {@code IODelay} for a
 * plain per-slot flag that the interrupt handler sets. The handler needs the same lock to look the
 * command up, so the flag is never set and Process never returns. The model sees no cycle (a busy-wait
 * is not a wait it can follow), only a block that never returns.
 */
@DriverDesign(name = "spinning-process", path = DriverDesign.Path.BUNDLED, violates = {"HANG-1"},
        summary = "Process polls, holding the table lock, for a flag only the interrupt handler sets")
public class SpinningProcess extends BundledRecommended {
    /** Per slot: the hardware finished it (set by the interrupt handler). */
    private boolean[] finished;

    @Override
    public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> commandBuffer,
                                                                   SlotBuffer<SCSIUserParallelResponse> responseBuffer) {
        finished = new boolean[maxTaskCount];
        return super.UserMapBundledParallelTaskCommandAndResponseBuffers(commandBuffer, responseBuffer);
    }

    @Override
    protected void startCommand(int slot, OSAction completion) {
        completion.retain();
        IOLock.IOLockLock(lock);
        inFlight.put(slot, completion);
        finished[slot] = false;
        startHardware(slot);
        while (!finished[slot]) {
            IOLib.IODelay(10); // the mistake: the handler that sets the flag needs the lock held here
        }
        IOLock.IOLockUnlock(lock);
    }

    @Override
    protected OSAction takeInFlight(int slot) {
        IOLock.IOLockLock(lock);
        OSAction action = inFlight.remove(slot);
        finished[slot] = true;
        IOLock.IOLockUnlock(lock);
        return action;
    }
}
