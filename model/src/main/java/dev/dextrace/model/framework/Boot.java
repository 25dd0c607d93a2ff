package dev.dextrace.model.framework;

import dev.dextrace.model.monitor.Subject;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Payload;

import java.util.stream.IntStream;

/** Start-up and stop of the dext, on Default: the task count N, the buffer mapping that picks the path. */
final class Boot {
    static final int MAX_SLOTS = 65_535;

    private final SlotPool pool;
    private final Dext dext;
    private final IODispatchQueue defaultQueue;
    private final SlotAccessChecks checks;

    Boot(SlotPool pool, Dext dext, IODispatchQueue defaultQueue, SlotAccessChecks checks) {
        this.pool = pool;
        this.dext = dext;
        this.defaultQueue = defaultQueue;
        this.checks = checks;
    }

    /**
     * UserInitializeController, the task count N, the buffer mapping that selects the bundled path,
     * UserStartController.
     *
     * @throws IllegalArgumentException if the dext reports N outside 1..65535
     */
    void boot() {
        defaultQueue.runSync("UserInitializeController", null, dext::UserInitializeController);
        int[] n = {0};
        defaultQueue.runSync("UserReportMaximumTaskCount", null, () -> n[0] = dext.UserReportMaximumTaskCount());
        if (n[0] < 1 || n[0] > MAX_SLOTS) {
            throw new IllegalArgumentException("UserReportMaximumTaskCount must be 1.." + MAX_SLOTS + " (N > 0), was " + n[0]);
        }
        pool.slots = IntStream.range(0, n[0]).mapToObj(Slot::new).toArray(Slot[]::new);
        SlotBuffer<SCSIUserParallelTask> commands = new SlotBuffer<>(checks, "command buffer",
                (s, g) -> new SCSIUserParallelTask(checks, s, g));
        SlotBuffer<SCSIUserParallelResponse> responses = new SlotBuffer<>(checks, "response buffer",
                (s, g) -> new SCSIUserParallelResponse(checks, s, g));
        int[] mapped = {IOReturn.kIOReturnUnsupported};
        defaultQueue.runSync("UserMapBundledParallelTaskCommandAndResponseBuffers", null,
                () -> mapped[0] = dext.UserMapBundledParallelTaskCommandAndResponseBuffers(commands, responses));
        pool.bundled = mapped[0] == IOReturn.kIOReturnSuccess;
        pool.dk.event(new Payload.Started(n[0], pool.bundled));
        if (pool.bundled && pool.config.completionAction() == FrameworkConfig.CompletionAction.SHARED) {
            pool.sharedAction = OSAction.createByFramework(pool.dk, OSAction.Type.BundledParallelTaskCompletion);
        }
        if (!pool.bundled) {
            pool.tasks = IntStream.range(0, n[0])
                    .mapToObj(i -> new LegacyTask(i, OSAction.createByFramework(pool.dk, OSAction.Type.ParallelTaskCompletion)))
                    .toArray(LegacyTask[]::new);
        }
        defaultQueue.runSync("UserStartController", null, dext::UserStartController);
    }

    /**
     * Stops the dext on Default (UserStopController), once; from then on nothing more is issued. True if
     * this call stopped it, false if it was stopped already.
     */
    boolean stop() {
        synchronized (pool.lock) {
            if (pool.stopped) {
                return false;
            }
            pool.stopped = true;
        }
        defaultQueue.runSync("UserStopController", null, dext::UserStopController);
        return true;
    }

    /** After the stop the kernel tears its completion actions down: a completion through one is ACT-3. */
    void tearDownActions() {
        for (OSAction a : pool.dk.actions()) {
            if (a.frameworkCreated() && !a.isFreed()) {
                a.cancelByFramework();
            }
        }
    }

    /** ACT-1 for every framework action the dext still holds a reference on ({@code when}: the moment checked). */
    void reportActionsStillHeld(String when) {
        for (OSAction a : pool.dk.actions()) {
            if (a.frameworkCreated() && a.dextReferences() > 0 && !a.isFreed()) {
                ProtocolEvent e = pool.dk.event(new Payload.Leaked(a.label(), when));
                pool.dk.monitor().violate(Rule.ACT_1, a.label() + " retained " + a.dextReferences()
                        + " more time(s) than released " + when + ": the dext leaked it", Subject.action(a.label()), e);
            }
        }
    }
}
