package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;

import java.util.ArrayList;
import java.util.List;

/**
 * The recommended design plus a list of pending slots a port keeps for its own bookkeeping: a plain
 * {@code java.util.ArrayList}, appended to on Default and removed from on the interrupt queue, outside
 * the lock that guards the per-slot table. Q-3 on the list; on real threads the race can corrupt the list, and
 * a later call on it throws (jcstress saw ArrayList.remove fail with index -1 when the stop took the pending
 * commands back): EXC-1 may follow.
 */
@DriverDesign(name = "pending-list-unlocked", path = DriverDesign.Path.BUNDLED, violates = {"Q-3"}, mayAlsoViolate = {"EXC-1"},
        summary = "Recommended, plus an ArrayList of pending slots mutated by Default and the interrupt queue without a lock")
public class PendingListUnlocked extends BundledRecommended {
    private final List<Integer> pending = new ArrayList<>();

    @Override
    protected void recordInFlight(int slot, OSAction completion) {
        super.recordInFlight(slot, completion);
        pending.add(slot); // outside the lock
    }

    @Override
    protected OSAction takeInFlight(int slot) {
        pending.remove(Integer.valueOf(slot)); // on the interrupt queue, outside the lock
        return super.takeInFlight(slot);
    }
}
