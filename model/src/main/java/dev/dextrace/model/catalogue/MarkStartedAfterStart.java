package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.CommandTable;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.driverkit.SharedVariable;

/**
 * Wrong (CMP-2): marks a command "started" after starting the hardware; the completion path clears
 * the mark. When the completion runs before Process returns, the mark is set for a command that is
 * already over and stays set: the dext assumed Process returns before completion.
 */
@DriverDesign(name = "mark-started-after-start", path = DriverDesign.Path.BUNDLED, violates = {"CMP-2"},
        summary = "Records per-command state after starting the hardware")
public class MarkStartedAfterStart extends BundledRecommended {
    private CommandTable<Boolean> started;
    private SharedVariable<Long> commandsStarted;

    @Override
    public int UserStartController() {
        started = newCommandTable("started", maxTaskCount);
        commandsStarted = SharedVariable.of("commandsStarted", 0L);
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    protected void startCommand(int slot, OSAction completion) {
        super.startCommand(slot, completion);
        IOLock.IOLockLock(lock);
        commandsStarted.set(commandsStarted.get() + 1); // statistics first ...
        started.put(slot, Boolean.TRUE);                 // ... then the mark the completion path relies on
        IOLock.IOLockUnlock(lock);
    }

    @Override
    protected OSAction takeInFlight(int slot) {
        IOLock.IOLockLock(lock);
        started.remove(slot);
        IOLock.IOLockUnlock(lock);
        return super.takeInFlight(slot);
    }
}
