package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.CommandTable;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOLock;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.framework.SCSIUserParallelTask;
import dev.dextrace.model.framework.SlotBuffer;
import dev.dextrace.model.framework.SlotIndexArray;
import dev.dextrace.model.hardware.HbaCompletion;
import dev.dextrace.model.hardware.IOInterruptDispatchSource;

/**
 * Apple's guidance for the bundled path (PROTOCOL.md §8, last row): the action is retained once per
 * command before the hardware starts and released after that command's Complete; per-slot state is
 * recorded before the hardware starts, under a lock shared with the interrupt queue; the response is
 * written into its own slot; one Complete per slot and nothing touches the slot afterwards. Safe when
 * the completion runs before Process returns (CMP-2). Breaks no rule.
 *
 * <p>The wrong designs of the catalogue extend this one and change one step each, so each shows one
 * mistake against a correct background.
 */
@DriverDesign(name = "bundled-recommended", path = DriverDesign.Path.BUNDLED,
        summary = "Bundled path; per-slot table under an IOLock, retain per command, response in its slot, one Complete per slot")
public class BundledRecommended extends CatalogueDriver {

    protected IODispatchQueue interruptQueue;
    protected IOInterruptDispatchSource interruptSource;
    protected SlotBuffer<SCSIUserParallelTask> commands;
    protected SlotBuffer<SCSIUserParallelResponse> responses;
    protected IOLock lock;
    /** Slot → the action to complete its command through; set before the hardware starts. */
    protected CommandTable<OSAction> inFlight;

    public BundledRecommended() {
        this(DEFAULT_TASK_COUNT);
    }

    public BundledRecommended(int maxTaskCount) {
        super(maxTaskCount);
    }

    @Override
    public int UserInitializeController() {
        interruptQueue = IODispatchQueue.Create(IODispatchQueue.INTERRUPT, 0, 0);
        interruptSource = IOInterruptDispatchSource.Create(GetProvider(), 0, interruptQueue);
        interruptSource.SetHandler(this::InterruptOccurred);
        interruptSource.SetEnable(true);
        lock = IOLock.IOLockAlloc();
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public int UserMapBundledParallelTaskCommandAndResponseBuffers(SlotBuffer<SCSIUserParallelTask> commandBuffer,
                                                                   SlotBuffer<SCSIUserParallelResponse> responseBuffer) {
        commands = commandBuffer;
        responses = responseBuffer;
        inFlight = newCommandTable("inFlight", maxTaskCount);
        return IOReturn.kIOReturnSuccess;
    }

    @Override
    public void UserProcessBundledParallelTasks(SlotIndexArray parallelRequestSlotIndices, int parallelRequestSlotIndicesCount,
                                                OSAction completion) {
        for (int i = 0; i < parallelRequestSlotIndicesCount; i++) {
            startCommand(parallelRequestSlotIndices.get(i), completion);
        }
    }

    /**
     * Stop with I/O outstanding (PROTOCOL.md §9): every command still in the table is abandoned (the
     * kernel fails it) and the reference taken for it released, under the same lock the interrupt
     * handler takes, so a completion arriving after the stop finds nothing to complete; one the handler
     * took before is waited for, so none is still under way when the stop returns.
     */
    @Override
    public int UserStopController() {
        for (int slot = 0; slot < maxTaskCount; slot++) {
            OSAction action = takeInFlight(slot);
            if (action != null) {
                action.release();
            }
        }
        waitForHandler(interruptQueue);
        return IOReturn.kIOReturnSuccess;
    }

    /** Everything the command needs is recorded before the hardware can complete it. */
    protected void startCommand(int slot, OSAction completion) {
        completion.retain();
        recordInFlight(slot, completion);
        startHardware(slot); // the interrupt may fire before this returns
    }

    protected void recordInFlight(int slot, OSAction completion) {
        IOLock.IOLockLock(lock);
        inFlight.put(slot, completion);
        IOLock.IOLockUnlock(lock);
    }

    protected void startHardware(int slot) {
        GetProvider().start(slot, commands.get(slot).fRequestedTransferCount());
    }

    /**
     * The interrupt handler, on the interrupt queue: drains the HBA's completion ring and returns
     * everything it drained with one Complete per action, as the header's example does.
     */
    protected void InterruptOccurred() {
        java.util.Map<OSAction, java.util.List<Integer>> byAction = new java.util.LinkedHashMap<>();
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            OSAction action = takeInFlight(done.tag());
            if (action == null) {
                continue; // not a command of ours
            }
            if (done.failed()) {
                if (!failCommand(action, done)) {
                    continue;
                }
            } else {
                fillResponse(done.tag(), done);
            }
            byAction.computeIfAbsent(action, a -> new java.util.ArrayList<>()).add(done.tag());
        }
        byAction.forEach((action, slots) -> {
            returnSlots(action, slots.stream().mapToInt(Integer::intValue).toArray());
            slots.forEach(s -> releaseAfterComplete(action)); // nothing below touches the slots
        });
    }

    /**
     * The error path (CHECK_CONDITION, BUSY, TASK_SET_FULL, a delivery failure): the command is over all
     * the same, so its response says what went wrong and it is completed and released like any other.
     * Returns whether the caller completes it with the rest of the interrupt's batch.
     */
    protected boolean failCommand(OSAction action, HbaCompletion done) {
        fillResponse(done.tag(), done);
        return true;
    }

    /** Completes one command outside the interrupt path (designs that answer some commands at once). */
    protected void complete(HbaCompletion done) {
        OSAction action = takeInFlight(done.tag());
        if (action != null) {
            fillResponse(done.tag(), done);
            returnSlots(action, new int[]{done.tag()});
            releaseAfterComplete(action);
        }
    }

    protected OSAction takeInFlight(int slot) {
        IOLock.IOLockLock(lock);
        OSAction action = inFlight.remove(slot);
        IOLock.IOLockUnlock(lock);
        return action;
    }

    /** One Complete per at most 32 slots (kMaxBundledParallelTasks): one interrupt may drain more. */
    protected void returnSlots(OSAction action, int[] slots) {
        for (int from = 0; from < slots.length; from += SlotIndexArray.kMaxBundledParallelTasks) {
            int[] chunk = java.util.Arrays.copyOfRange(slots, from, Math.min(slots.length, from + SlotIndexArray.kMaxBundledParallelTasks));
            BundledParallelTaskCompletion(action, chunk, chunk.length);
        }
    }

    /** The reference taken in {@link #startCommand} goes after the command's last use of the action. */
    protected void releaseAfterComplete(OSAction action) {
        action.release();
    }

    /** Writes every response field into response slot i, answering command slot i. */
    protected void fillResponse(int slot, HbaCompletion done) {
        SCSIUserParallelTask task = commands.get(slot);
        writeOutcome(responses.get(slot)
                .version(SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1)
                .fTargetID(task.fTargetID())
                .fControllerTaskIdentifier(task.fControllerTaskIdentifier()), done);
    }
}
