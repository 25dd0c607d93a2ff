package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.OSAction;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recommended design as a port would write it: the per-slot table a plain array, a count of
 * commands in flight and a log of recent slots plain fields and a plain collection, every one of
 * them read and written only under the IOLock shared with the interrupt queue. Breaks no rule: the
 * observed plain state stays silent when it is locked.
 */
@DriverDesign(name = "bundled-plain-locked", path = DriverDesign.Path.BUNDLED,
        summary = "Recommended with plain per-slot array, counter and ArrayDeque, all under the IOLock shared with the interrupt queue")
public class BundledPlainLocked extends BundledRecommended {
    private static final int RECENT = 8;

    private OSAction[] fInFlight;
    private int fOutstanding;
    private final Deque<Integer> fRecent = new ArrayDeque<>();

    @Override
    public int UserInitializeController() {
        fInFlight = new OSAction[maxTaskCount];
        return super.UserInitializeController();
    }

    @Override
    protected void recordInFlight(int slot, OSAction completion) {
        IOLock.IOLockLock(lock);
        fInFlight[slot] = completion;
        fOutstanding++;
        fRecent.addLast(slot);
        if (fRecent.size() > RECENT) {
            fRecent.removeFirst();
        }
        IOLock.IOLockUnlock(lock);
    }

    @Override
    protected OSAction takeInFlight(int slot) {
        IOLock.IOLockLock(lock);
        OSAction action = fInFlight[slot];
        fInFlight[slot] = null;
        if (action != null) {
            fOutstanding--;
        }
        IOLock.IOLockUnlock(lock);
        return action;
    }
}
