package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.hardware.HostBusAdapter;
import dev.dextrace.model.runtime.AtomicStep;

import java.util.List;

/**
 * The kernel half of the SCSI controller, as the world, the engines and the dext see it. Each job is
 * a class of its own: {@link Boot} (start-up), {@link Issuing} (bundling and issue),
 * {@link BundledCompletion}, {@link LegacyPath} (the two-way path), {@link Timeouts},
 * {@link SlotAccessChecks} (the dext's use of the shared buffers) and {@link QueueRouting}, sharing
 * the bookkeeping in {@link SlotPool}. This class only wires them and forwards: besides what a query
 * returns it touches no shared state, so the switch points of a run are those of the jobs.
 */
public final class Framework {
    private final SlotPool pool;
    private final QueueRouting routing;
    private final SlotAccessChecks checks;
    private final KernelWorkLoop kernel;
    private final Timeouts timeouts;
    private final BundledCompletion bundledCompletion;
    private final LegacyPath legacy;
    private final Issuing issuing;
    private final Boot boot;
    private final TaskManagement taskManagement;
    private final Removal removal;

    /** @param dext the driver; the kernel calls it only through {@link Dext} */
    public Framework(DriverKit dk, FrameworkConfig config, Dext dext, HostBusAdapter hba, IODispatchQueue defaultQueue) {
        this.pool = new SlotPool(dk, config);
        this.routing = new QueueRouting(dk, dext, defaultQueue);
        this.checks = new SlotAccessChecks(pool);
        this.kernel = new KernelWorkLoop(dk, this::timeoutDue, this::postDueTimeouts);
        Runnable issueMore = this::issueMore;
        this.timeouts = new Timeouts(pool, hba, kernel, issueMore);
        Resends resends = this::resend;
        this.bundledCompletion = new BundledCompletion(pool, kernel, issueMore, resends);
        this.legacy = new LegacyPath(pool, dext, routing, bundledCompletion, issueMore, resends);
        SubmitReturns submits = new SubmitReturns(pool, kernel);
        this.issuing = new Issuing(pool, dext, routing, legacy, kernel, submits);
        this.boot = new Boot(pool, dext, defaultQueue, checks);
        this.taskManagement = new TaskManagement(pool, dext, routing, submits, kernel, issueMore);
        this.removal = new Removal(pool, submits, kernel, boot, issueMore);
    }

    // the jobs built later in the constructor, reached from those built before them
    private boolean timeoutDue() {
        return timeouts.due();
    }

    private void postDueTimeouts() {
        timeouts.postDue(System.nanoTime());
    }

    private void issueMore() {
        issuing.pump();
    }

    private boolean resend(TaskData command, int completionStatus, int serviceResponse) {
        return issuing.resend(command, completionStatus, serviceResponse);
    }

    public DriverKit driverKit() {
        return pool.dk;
    }

    public FrameworkConfig config() {
        return pool.config;
    }

    public boolean bundledPath() {
        return pool.bundled;
    }

    public int slotCount() {
        return checks.slotCount();
    }

    public IODispatchQueue defaultQueue() {
        return routing.defaultQueue();
    }

    // ---------------------------------------------------------------- start-up

    /**
     * Brings the dext up on Default: UserInitializeController, the task count N, the buffer mapping
     * that selects the bundled path, UserStartController.
     *
     * @throws IllegalArgumentException if the dext reports N outside 1..65535
     */
    public void boot() {
        boot.boot();
    }

    /**
     * Stops the dext on Default (UserStopController) unless it was stopped already; true if this call
     * stopped it. The run's end calls it once every command is done.
     */
    public boolean stop() {
        return boot.stop();
    }

    /** Whether UserStopController has run (at the end, or with I/O outstanding). */
    public boolean stopped() {
        return pool.stopped;
    }

    /** ACT-1 for every framework action the dext still holds a reference on; {@code when} ends the message. */
    public void reportActionsStillHeld(String when) {
        boot.reportActionsStillHeld(when);
    }

    // ---------------------------------------------------------------- faults of the kernel's own (PROTOCOL.md §9)

    /**
     * The kernel sends task-management function {@code f} about the command in slot {@code slot} (a pool
     * task on the legacy path; once its submit call returned), e.g. {@code UserAbortTaskRequest} with the
     * command's tag.
     *
     * @throws IllegalArgumentException for a slot outside 0..N-1
     */
    public void taskManagement(TaskManagementFunction f, int slot) {
        taskManagement.send(f, slot);
    }

    /** The target goes away: the kernel force-completes its outstanding tasks (DeviceNotPresent). */
    public void removeTarget(long targetId) {
        removal.removeTarget(targetId);
    }

    /** UserStopController while commands may still be in flight; the kernel then ends what is left. */
    public void stopWithIoOutstanding() {
        removal.stopWithIoOutstanding();
    }

    // ---------------------------------------------------------------- workload

    /** Queues commands; the framework bundles them into free slots (or legacy tasks) as they free up. */
    public void submit(List<Command> commands) {
        issuing.submit(commands);
    }

    /**
     * Issues one bundle on exactly these slots (a script's {@code Process(2,5,18)}), once they are all
     * free. Checked before anything happens.
     *
     * @throws IllegalArgumentException for a count outside 1..32, an index outside 0..N-1, a duplicate,
     *                                  or a command count that differs from the slot count
     */
    public void issueBundle(int[] slotIndices, List<Command> commands) {
        issuing.issueBundle(slotIndices, commands);
    }

    /** Runs a step on the kernel's thread, after the kernel's earlier work (scripts use it to pace hardware). */
    @AtomicStep("queues a step on the kernel's thread")
    public void post(String label, Runnable step) {
        if (step == null) {
            throw new IllegalArgumentException("step must not be null");
        }
        kernel.post(label, step);
    }

    // ---------------------------------------------------------------- completions (called by the dext)

    /** {@code BundledParallelTaskCompletion(action, indices[32], count)} from the dext. */
    public void bundledParallelTaskCompletion(OSAction completion, int[] indices, int count) {
        bundledCompletion.complete(completion, indices, count);
    }

    /** {@code ParallelTaskCompletion(action, response)} from the dext. */
    public void parallelTaskCompletion(OSAction completion, SCSIUserParallelResponse response) {
        legacy.complete(completion, response);
    }

    // ---------------------------------------------------------------- timeouts

    /** The run is stuck: every outstanding command times out now (time jumps ahead). True if any did. */
    public boolean onQuiescent() {
        return timeouts.postDue(Long.MAX_VALUE);
    }

    /** The kernel's timer for slot s (a pool task on the legacy path) fires now (scripts call this to race a completion). */
    public void fireTimeout(int slot) {
        timeouts.fire(pool.bundled ? pool.slot("slot", slot) : pool.task("slot", slot));
    }

    // ---------------------------------------------------------------- the dext's bookkeeping asks

    /**
     * Whether the dext already completed the command it was last handed in slot i: its bookkeeping
     * for that command must not be revived (CMP-2).
     */
    public boolean deliveredCommandIsOver(int index) {
        return checks.deliveredCommandIsOver(index);
    }

    /** Whether slot i is issued to the dext and not yet returned. */
    public boolean isWithDext(int index) {
        return checks.isWithDext(index);
    }

    /** The generation of slot i the dext was last handed (0 if none). */
    public int deliveredGeneration(int index) {
        return checks.deliveredGeneration(index);
    }

    // ---------------------------------------------------------------- queues

    /** {@code SetDispatchQueue(name, queue)}: from now on QUEUENAME(name) methods run on queue. */
    public int setDispatchQueue(String name, IODispatchQueue queue) {
        return routing.setDispatchQueue(name, queue);
    }

    // ---------------------------------------------------------------- run state

    /** Nothing waits to be issued and nothing issued is still in flight. */
    public boolean workDone() {
        return issuing.idle() && pool.outstanding.get() == 0;
    }

    public int outstanding() {
        return pool.outstanding.get();
    }

    /** The action shared by all bundles, or null (per-bundle actions, or the legacy path). */
    public OSAction sharedAction() {
        return pool.sharedAction;
    }
}
