package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.OSAction;

/**
 * Wrong: adds per-device statistics under a second lock. Process takes the table lock, then the
 * statistics lock; the interrupt handler counts the completion first, so it takes the statistics lock,
 * then the table lock. When an interrupt arrives while Process is between its two locks, each queue
 * holds the lock the other waits for: AB-BA deadlock. What follows the abandoned block may also show:
 * the lost work (ACT-1, CMP-1), and a later interrupt completing a slot twice in one call (SLOT-4, filed
 * as the kernel would and the entry dropped; seen by jcstress at the full budget).
 */
@DriverDesign(name = "iolock-abba-deadlock", path = DriverDesign.Path.BUNDLED, violates = {"Q-4"},
        mayAlsoViolate = {"ACT-1", "CMP-1", "SLOT-4"},
        summary = "Default takes table then stats lock, the interrupt queue stats then table lock")
public class IOLockAbbaDeadlock extends BundledRecommended {
    private IOLock statsLock;
    private int started;
    private int completed;

    @Override
    public int UserInitializeController() {
        int r = super.UserInitializeController();
        statsLock = IOLock.IOLockAlloc();
        return r;
    }

    @Override
    protected void recordInFlight(int slot, OSAction completion) {
        IOLock.IOLockLock(lock);
        inFlight.put(slot, completion);
        IOLock.IOLockLock(statsLock);
        started++;
        IOLock.IOLockUnlock(statsLock);
        IOLock.IOLockUnlock(lock);
    }

    @Override
    protected OSAction takeInFlight(int slot) {
        IOLock.IOLockLock(statsLock);
        completed++;
        IOLock.IOLockLock(lock); // the mistake: the opposite order of recordInFlight
        OSAction action = inFlight.remove(slot);
        IOLock.IOLockUnlock(lock);
        IOLock.IOLockUnlock(statsLock);
        return action;
    }
}
