package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * Wrong (ACT-1): plain-locked-fault-tolerant that, as many real drivers do, retries a command the device
 * answered BUSY once itself (the command stays in the table, the interrupt handler starts it again with
 * the same tag) and, if the device is still busy, gives the command back to the kernel with BUSY. The
 * mistake is on that give-up path only: it releases "the retry's reference" on top of the completion's
 * release, but the retry took none. Only a run where a command and its retry both meet BUSY shows it; no
 * fixed fault plan has two BUSYs, so only a scenario whose faults the run chooses can.
 */
@DriverDesign(name = "busy-retry-double-release", path = DriverDesign.Path.BUNDLED, violates = {"ACT-1"},
        mayAlsoViolate = {"ACT-2"}, summary = "Retries BUSY once; when the retry is BUSY too, releases the action once more than it retained")
public class BusyRetryDoubleRelease extends PlainLockedFaultTolerant {
    private boolean[] fRetried; // by slot, under fLock: the command in the slot was started again after BUSY

    @Override
    public int UserInitializeController() {
        int r = super.UserInitializeController();
        fRetried = new boolean[maxTaskCount];
        return r;
    }

    @Override
    protected void complete(HbaCompletion done) {
        boolean busy = !done.deliveryFailure() && done.scsiStatus() == HbaCompletion.BUSY;
        IOLock.IOLockLock(fLock);
        int slot = slotOfHardwareTag(done.tag());
        boolean ours = slot >= 0 && fActionForSlot[slot] != null;
        boolean retry = busy && ours && !fRetried[slot];
        boolean gaveUp = busy && ours && fRetried[slot];
        OSAction action = ours ? fActionForSlot[slot] : null;
        long bytes = ours ? fCommands.get(slot).fRequestedTransferCount() : 0;
        if (ours) {
            fRetried[slot] = retry; // a retry is under way, or the command is over
        }
        IOLock.IOLockUnlock(fLock);
        if (retry) {
            GetProvider().start(done.tag(), bytes); // the device was busy: once more, same tag, still in the table
            return;
        }
        super.complete(done);
        if (gaveUp) {
            releaseAfterGivingUp(action);
        }
    }

    /** After the give-up's completion (which released the command's reference). */
    protected void releaseAfterGivingUp(OSAction action) {
        action.release(); // the mistake: "drop the retry's reference"; the retry never took one
    }
}
