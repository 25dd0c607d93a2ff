package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
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

    /** Stops the dext on Default (UserStopController), once every command is done. */
    void stop() {
        defaultQueue.runSync("UserStopController", null, dext::UserStopController);
    }
}
