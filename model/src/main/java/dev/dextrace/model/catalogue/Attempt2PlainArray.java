package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;

/**
 * Attempt 2 with its per-slot table kept as the seed posted it: a plain {@code int[]}, written after
 * the hardware starts, read and written by the interrupt handler, no lock, nothing wrapped. Q-3 comes
 * from the observed plain state alone (dev.dextrace.model.ivars), with both source lines.
 */
@DriverDesign(name = "attempt2-plain-array", path = DriverDesign.Path.BUNDLED, violates = {"Q-3", "SLOT-5", "CMP-1"},
        mayAlsoViolate = {"ACT-1", "ACT-3", "EXC-1"},
        summary = "Seed attempt 2 as posted: the per-slot state a plain array shared by Default and the interrupt queue without a lock")
public class Attempt2PlainArray extends Attempt2BundledIsr {
    private int[] fSlotState;

    @Override
    protected void newSlotStateTable() {
        fSlotState = new int[maxTaskCount];
        for (int i = 0; i < maxTaskCount; i++) {
            fSlotState[i] = IDLE;
        }
    }

    @Override
    protected void markInFlight(int index) {
        fSlotState[index] = IN_FLIGHT;
    }

    @Override
    protected boolean isInFlight(int index) {
        return fSlotState[index] == IN_FLIGHT;
    }

    @Override
    protected void markIdle(int index) {
        fSlotState[index] = IDLE;
    }
}
