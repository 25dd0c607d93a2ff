package dev.dextrace.model.framework;

import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.hardware.HostBusAdapter;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The kernel half of the SCSI controller: the slot pool and its two shared buffers, bundling and
 * issue, completion processing with its version, task-ID and ownership checks, reissue, the legacy
 * two-way path, and per-task timeouts. Its bookkeeping lock is the kernel's own and is never held
 * while driver code runs or while an event is recorded (an event is a switch point).
 */
public final class Framework {
    static final String BUNDLED_METHOD = "UserProcessBundledParallelTasks";
    static final String LEGACY_METHOD = "UserProcessParallelTask";
    static final int MAX_SLOTS = 65_535;

    /** What waits to be issued: explicit slots (scripts) or any free slots (workloads). */
    private record Request(int[] slots, List<Command> commands) {
    }

    private final DriverKit dk;
    private final FrameworkConfig config;
    private final IOUserSCSIParallelInterfaceController driver;
    private final HostBusAdapter hba;
    private final IODispatchQueue defaultQueue;
    private final KernelWorkLoop kernel;
    private final Object lock = new Object();
    private final Map<String, IODispatchQueue> registered = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Request> requests = new ConcurrentLinkedDeque<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicBoolean issuing = new AtomicBoolean();
    private final AtomicInteger issueRequests = new AtomicInteger();
    private final AtomicLong tags = new AtomicLong();
    private volatile boolean anyIssued;
    private volatile boolean bundled;
    private Slot[] slots = new Slot[0];
    private LegacyTask[] tasks = new LegacyTask[0];
    private OSAction sharedAction;

    public Framework(DriverKit dk, FrameworkConfig config, IOUserSCSIParallelInterfaceController driver,
                     HostBusAdapter hba, IODispatchQueue defaultQueue) {
        this.dk = dk;
        this.config = config;
        this.driver = driver;
        this.hba = hba;
        this.defaultQueue = defaultQueue;
        this.kernel = new KernelWorkLoop(dk, this::timeoutDue, () -> postTimeouts(System.nanoTime()));
    }

    public DriverKit driverKit() {
        return dk;
    }

    public FrameworkConfig config() {
        return config;
    }

    public boolean bundledPath() {
        return bundled;
    }

    public int slotCount() {
        return slots.length;
    }

    public IODispatchQueue defaultQueue() {
        return defaultQueue;
    }

    // ---------------------------------------------------------------- start-up

    /**
     * Brings the dext up on Default: UserInitializeController, the task count N, the buffer mapping
     * that selects the bundled path, UserStartController.
     *
     * @throws IllegalArgumentException if the dext reports N outside 1..65535
     */
    public void boot() {
        defaultQueue.runSync("UserInitializeController", null, driver::UserInitializeController);
        int[] n = {0};
        defaultQueue.runSync("UserReportMaximumTaskCount", null, () -> n[0] = driver.UserReportMaximumTaskCount());
        if (n[0] < 1 || n[0] > MAX_SLOTS) {
            throw new IllegalArgumentException("UserReportMaximumTaskCount must be 1.." + MAX_SLOTS + " (N > 0), was " + n[0]);
        }
        slots = IntStream.range(0, n[0]).mapToObj(Slot::new).toArray(Slot[]::new);
        SlotBuffer<SCSIUserParallelTask> commands = new SlotBuffer<>(this, "command buffer", (s, g) -> new SCSIUserParallelTask(this, s, g));
        SlotBuffer<SCSIUserParallelResponse> responses = new SlotBuffer<>(this, "response buffer", (s, g) -> new SCSIUserParallelResponse(this, s, g));
        int[] mapped = {IOReturn.kIOReturnUnsupported};
        defaultQueue.runSync("UserMapBundledParallelTaskCommandAndResponseBuffers", null,
                () -> mapped[0] = driver.UserMapBundledParallelTaskCommandAndResponseBuffers(commands, responses));
        bundled = mapped[0] == IOReturn.kIOReturnSuccess;
        dk.event(EventKind.NOTE, -1, 0, null, "N = " + n[0] + ", " + (bundled ? "bundled path" : "legacy path"));
        if (bundled && config.completionAction() == FrameworkConfig.CompletionAction.SHARED) {
            sharedAction = OSAction.createByFramework(dk, OSAction.Type.BundledParallelTaskCompletion);
        }
        if (!bundled) {
            tasks = IntStream.range(0, n[0])
                    .mapToObj(i -> new LegacyTask(i, OSAction.createByFramework(dk, OSAction.Type.ParallelTaskCompletion)))
                    .toArray(LegacyTask[]::new);
        }
        defaultQueue.runSync("UserStartController", null, driver::UserStartController);
    }

    /** Stops the dext on Default (UserStopController), once every command is done. */
    public void stop() {
        defaultQueue.runSync("UserStopController", null, driver::UserStopController);
    }

    // ---------------------------------------------------------------- workload

    /** Queues commands; the framework bundles them into free slots (or legacy tasks) as they free up. */
    public void submit(List<Command> commands) {
        if (commands == null || commands.isEmpty() || commands.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("commands must be a non-empty list without nulls");
        }
        requests.add(new Request(null, List.copyOf(commands)));
        kernel.post("issue", this::pumpIssue);
    }

    /**
     * Issues one bundle on exactly these slots (a script's {@code Process(2,5,18)}), once they are all
     * free. Checked before anything happens.
     *
     * @throws IllegalArgumentException for a count outside 1..32, an index outside 0..N-1, a duplicate,
     *                                  or a command count that differs from the slot count
     */
    public void issueBundle(int[] slotIndices, List<Command> commands) {
        checkIndices("slotIndices", slotIndices, slotIndices == null ? 0 : slotIndices.length);
        if (!bundled) {
            throw new IllegalStateException("issueBundle needs the bundled path; this dext did not map the buffers");
        }
        if (commands == null || commands.size() != slotIndices.length || commands.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("commands must hold exactly one non-null command per slot index ("
                    + slotIndices.length + "), was " + (commands == null ? "null" : commands.size()));
        }
        requests.add(new Request(slotIndices.clone(), List.copyOf(commands)));
        kernel.post("issue", this::pumpIssue);
    }

    private void checkIndices(String what, int[] indices, int count) {
        if (indices == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (count < 1 || count > SlotIndexArray.kMaxBundledParallelTasks) {
            throw new IllegalArgumentException(what + " count must be 1.." + SlotIndexArray.kMaxBundledParallelTasks + ", was " + count);
        }
        if (indices.length < count) {
            throw new IllegalArgumentException(what + " holds " + indices.length + " entries, fewer than its count " + count);
        }
        boolean[] seen = new boolean[slots.length];
        for (int k = 0; k < count; k++) {
            int v = indices[k];
            if (v < 0 || v >= slots.length) {
                throw new IllegalArgumentException(what + "[" + k + "] must be 0.." + (slots.length - 1)
                        + " (N = " + slots.length + "), was " + v);
            }
            if (seen[v]) {
                throw new IllegalArgumentException(what + "[" + k + "] = " + v + " is a duplicate: each slot may be listed once");
            }
            seen[v] = true;
        }
    }

    /** Issues what can be issued; one thread at a time, others leave a note that there is more to do. */
    private void pumpIssue() {
        issueRequests.incrementAndGet();
        while (issuing.compareAndSet(false, true)) {
            int seen = issueRequests.get();
            try {
                while (issueNext()) {
                    // keep issuing while requests fit
                }
            } finally {
                issuing.set(false);
            }
            if (issueRequests.get() == seen) {
                return;
            }
        }
    }

    private boolean issueNext() {
        Request r = requests.peek();
        if (r == null) {
            return false;
        }
        if (!bundled) {
            LegacyTask t = freeTask();
            if (t == null) {
                return false;
            }
            Command c = r.commands().get(0);
            advance(r, 1);
            legacyCall(t, c);
            return true;
        }
        List<Slot> chosen = chooseBundle(r);
        if (chosen.isEmpty()) {
            return false;
        }
        List<Command> cmds = r.commands().subList(0, chosen.size());
        if (r.slots() == null) {
            advance(r, chosen.size());
        }
        issueBundleNow(chosen, cmds);
        return true;
    }

    /** The slots the next bundle of {@code r} goes to: the ones it names, or free ones up to the bundle size; empty if it must wait. */
    private List<Slot> chooseBundle(Request r) {
        List<Slot> chosen = new ArrayList<>();
        if (r.slots() != null) {
            for (int i : r.slots()) {
                if (slots[i].ownedByDext) {
                    return List.of();
                }
                chosen.add(slots[i]);
            }
            requests.pollFirst();
        } else {
            for (Slot s : slots) {
                if (!s.ownedByDext && chosen.size() < Math.min(config.maxBundle(), r.commands().size())) {
                    chosen.add(s);
                }
            }
        }
        return chosen;
    }

    /** Drops the first k commands of a workload request; the rest stays first in line. */
    private void advance(Request r, int k) {
        requests.pollFirst();
        if (r.commands().size() > k) {
            requests.addFirst(new Request(null, r.commands().subList(k, r.commands().size())));
        }
    }

    private TaskData taskData(int index, Command c) {
        byte[] cdb = new byte[16];
        byte[] src = c.cdb();
        System.arraycopy(src, 0, cdb, 0, src.length);
        return new TaskData(TaskData.kSCSIUserParallelTaskVersion1, c.targetId(), 0, taskIdOf(index),
                c.transferBytes(), 0x1_0000_0000L + index * 0x10_0000L, TaskData.SIMPLE, tags.incrementAndGet(),
                new byte[8], cdb, src.length, c.direction(), c.timeoutMillis());
    }

    /** fControllerTaskIdentifier: the dext-assigned ID of the pool task behind slot i, stable across I/Os. */
    static long taskIdOf(int index) {
        return 0x1000 + index;
    }

    TaskData emptyTask() {
        return new TaskData(0, 0, 0, 0, 0, 0, 0, 0, new byte[8], new byte[16], 0, 0, 0);
    }

    private void issueBundleNow(List<Slot> chosen, List<Command> cmds) {
        int[] indices = chosen.stream().mapToInt(s -> s.index).toArray();
        for (int k = 0; k < chosen.size(); k++) {
            Slot s = chosen.get(k);
            TaskData d = taskData(s.index, cmds.get(k));
            int gen = s.generation + 1;
            dk.eventAndApply(lock, EventKind.ISSUE, s.index, gen, null,
                    (gen > 1 ? "reissue" : "issue") + " slot " + s.index + " gen " + gen + ": " + d.commandName(), e -> {
                        s.command = d;
                        s.response.written = 0;
                        s.issueSeq = e.seq();
                        s.deadlineNanos = System.nanoTime() + d.fTimeoutInMilliSec() * 1_000_000L;
                        s.generation = gen;
                        s.ownedByDext = true;
                        return null;
                    });
            outstanding.incrementAndGet();
            anyIssued = true;
        }
        OSAction action = sharedAction != null ? sharedAction
                : OSAction.createByFramework(dk, OSAction.Type.BundledParallelTaskCompletion);
        String label = "Process(" + join(indices, indices.length) + ")";
        SlotIndexArray arg = new SlotIndexArray(this, indices, indices.length);
        route(BUNDLED_METHOD).dispatchAsync(label, action, () -> deliverBundle(label, indices, arg, action));
    }

    private void deliverBundle(String label, int[] indices, SlotIndexArray arg, OSAction action) {
        beginProcess(label, indices, action);
        try {
            driver.UserProcessBundledParallelTasks(arg, indices.length, action);
        } finally {
            dk.event(EventKind.PROCESS_END, -1, 0, action.label(), "return from " + label);
            if (action != sharedAction) {
                action.releaseByFramework();
            }
        }
    }

    /** Process begins: the slots of the bundle are delivered to the dext, as one step. */
    private void beginProcess(String label, int[] indices, OSAction action) {
        Frame call = ExecutionContext.current().top();
        dk.eventAndApply(lock, EventKind.PROCESS_BEGIN, -1, 0, action.label(), label, e -> {
            for (int i : indices) {
                slots[i].deliveredGeneration = slots[i].generation;
                call.sawSlot(i, slots[i].generation);
            }
            return null;
        });
    }

    /** The queue a framework-called method runs on: Default unless QUEUENAME names a registered queue. */
    private IODispatchQueue route(String method) {
        String name = driver.queueNameOf(method);
        IODispatchQueue q = name == null ? null : registered.get(name);
        if (q == null) {
            return defaultQueue;
        }
        ProtocolEvent e = dk.event(EventKind.ROUTE, -1, 0, null, "QUEUENAME(" + name + ") routes " + method + " to " + name);
        dk.monitor().violate(Rule.Q_1, method + " is redirected to queue " + name
                + " by QUEUENAME: the I/O Process methods must run on Default", -1, 0, null, e);
        return q;
    }

    // ---------------------------------------------------------------- legacy path

    private LegacyTask freeTask() {
        for (LegacyTask t : tasks) {
            if (!t.outstanding) {
                return t;
            }
        }
        return null;
    }

    /** The two-way UserProcessParallelTask call: the kernel thread waits for the reply. */
    private void legacyCall(LegacyTask t, Command c) {
        TaskData d = taskData(t.index, c);
        int gen = t.generation + 1;
        dk.eventAndApply(lock, EventKind.ISSUE, t.index, gen, t.action.label(),
                "issue task " + t.index + " gen " + gen + ": " + d.commandName(), e -> {
                    t.generation = gen;
                    t.outstanding = true;
                    t.issueSeq = e.seq();
                    t.deadlineNanos = System.nanoTime() + c.timeoutMillis() * 1_000_000L;
                    return null;
                });
        outstanding.incrementAndGet();
        anyIssued = true;
        String label = "ProcessParallelTask(task " + t.index + ")";
        int[] reply = {-1};
        boolean[] replied = {false};
        Runnable call = () -> {
            CallScoped<Integer> response = CallScoped.argument(dk, ExecutionContext.current().top(), "response",
                    SCSIServiceResponse.kSCSIServiceResponse_SERVICE_DELIVERY_OR_TARGET_FAILURE);
            dk.event(EventKind.PROCESS_BEGIN, t.index, gen, t.action.label(), label);
            int kr = IOReturn.kIOReturnError;
            try {
                kr = driver.UserProcessParallelTask(SCSIUserParallelTask.of(d), response, t.action);
            } finally {
                reply[0] = response.valueAtReturn();
                dk.event(EventKind.PROCESS_END, t.index, gen, t.action.label(), "return from " + label + ": 0x"
                        + Integer.toHexString(kr) + ", *response = " + SCSIServiceResponse.name(reply[0]));
                replied[0] = true;
            }
        };
        IODispatchQueue q = route(LEGACY_METHOD);
        if (q != defaultQueue && config.redirectedIo() == FrameworkConfig.RedirectedIo.DEADLOCK) {
            // [inferred] the message arrives through the action's queue (Default), whose block hands it to
            // the named queue and waits; the reply must come back through Default: a cycle (seed, attempt 1).
            defaultQueue.runSync(label + " via " + t.action.label(), t.action,
                    () -> q.runSync(label, t.action, () -> {
                        defaultQueue.runSync("reply through " + t.action.label(), null, () -> { });
                        call.run();
                    }));
        } else {
            q.runSync(label, t.action, call);
        }
        if (!replied[0]) {
            dk.event(EventKind.NOTE, t.index, gen, t.action.label(), "no reply to " + label + ": task " + t.index + " stays in flight");
            return;
        }
        if (reply[0] != SCSIServiceResponse.kSCSIServiceResponse_Request_In_Process) {
            // the event when the dext completed the task too (CMP-3), else null
            ProtocolEvent dextToo = dk.eventAndApply(lock, EventKind.RETURNED, t.index, gen, t.action.label(),
                    "kernel completes task " + t.index + " itself (" + SCSIServiceResponse.name(reply[0]) + ")", done -> {
                        boolean both = t.dextCompletedGeneration == gen;
                        t.kernelCompletedGeneration = gen;
                        if (!both && t.generation == gen && t.outstanding) {
                            t.outstanding = false;
                            outstanding.decrementAndGet();
                        }
                        return both ? done : null;
                    });
            if (dextToo != null) {
                dk.monitor().violate(Rule.CMP_3, "UserProcessParallelTask returned " + SCSIServiceResponse.name(reply[0])
                        + " for task " + t.index + " and also completed it through " + t.action.label(), t.index, gen, t.action.label(), dextToo);
            }
        }
    }

    // ---------------------------------------------------------------- completions

    /** {@code BundledParallelTaskCompletion(action, indices[32], count)} from the dext. */
    public void bundledParallelTaskCompletion(OSAction completion, int[] indices, int count) {
        if (completion == null) {
            throw new IllegalArgumentException("completion must not be null: pass the OSAction Process delivered");
        }
        checkIndices("parallelResponseSlotIndices", indices, count);
        if (!bundled) {
            throw new IllegalStateException("BundledParallelTaskCompletion needs the bundled path; this dext did not map the buffers");
        }
        int[] listed = java.util.Arrays.copyOf(indices, count);
        List<Slot> late = new ArrayList<>();
        List<Slot> toReturn = dk.eventAndApply(lock, EventKind.COMPLETE, count == 1 ? listed[0] : -1,
                count == 1 ? slots[listed[0]].generation : 0, completion.label(), "Complete(" + join(listed, count) + ")", e -> {
                    completion.checkCompletion(e, OSAction.Type.BundledParallelTaskCompletion, "BundledParallelTaskCompletion");
                    return classify(listed, e, completion, late);
                });
        settle(toReturn, late, completion);
    }

    /**
     * Under the kernel lock, in the same step as the COMPLETE event: ownership (SLOT-4, CMP-1), then
     * response checks (SLOT-6, SLOT-7). Returns the slots to give back; late ones go to {@code late}.
     */
    private List<Slot> classify(int[] listed, ProtocolEvent e, OSAction completion, List<Slot> late) {
        List<Slot> accepted = new ArrayList<>();
        ExecutionContext ctx = ExecutionContext.current();
        for (int i : listed) {
            Slot s = slots[i];
            int gen = s.generation;
            int known = ctx.knownSlotGeneration(i);
            if (known > 0 && known != gen && s.ownedByDext) {
                dk.monitor().violate(s.timedOutGeneration == known ? Rule.CMP_1 : Rule.SLOT_4, "slot " + i
                        + " completed by code that knew gen " + known + ", but the slot is now gen " + gen
                        + ": the completion is credited to the wrong I/O", i, gen, completion.label(), e);
            } else if (!s.ownedByDext) {
                if (gen > 0 && s.timedOutGeneration == gen) {
                    late.add(s); // [code] logged and dropped: the dext cannot know the kernel gave up
                } else {
                    dk.monitor().violate(Rule.SLOT_4, "slot " + i + " is not the dext's: "
                            + (gen == 0 ? "never issued" : "gen " + gen + " was already returned"), i, gen, completion.label(), e);
                }
            } else if (s.deliveredGeneration != gen) {
                dk.monitor().violate(s.timedOutGeneration == s.deliveredGeneration && s.deliveredGeneration > 0 ? Rule.CMP_1 : Rule.SLOT_4,
                        "slot " + i + " was reissued as gen " + gen + " and not yet delivered: this completion is for the old I/O"
                                + " but would be credited to the new one", i, gen, completion.label(), e);
            } else if (s.dextCompletedGeneration == gen) {
                dk.monitor().violate(Rule.SLOT_4, "slot " + i + " gen " + gen + " completed twice", i, gen, completion.label(), e);
            } else {
                s.dextCompletedGeneration = gen;
                accepted.add(s);
            }
        }
        List<Slot> toReturn = new ArrayList<>();
        for (Slot s : accepted) {
            if (checkResponse(s, e, completion)) {
                toReturn.add(s);
            }
        }
        return toReturn;
    }

    /** After the step: log late completions, then give the slots back (now, or on the kernel's thread). */
    private void settle(List<Slot> toReturn, List<Slot> late, OSAction completion) {
        for (Slot s : late) {
            dk.event(EventKind.DROPPED, s.index, s.generation, completion.label(), "late Complete(" + s.index
                    + ") after the kernel's timeout: logged and dropped");
        }
        if (toReturn.isEmpty()) {
            return;
        }
        if (config.completionProcessing() == FrameworkConfig.CompletionProcessing.IN_CALLER) {
            returnSlots(toReturn);
        } else {
            kernel.post("process Complete", () -> returnSlots(toReturn));
        }
    }

    /** SLOT-6 (version, task ID, target) and SLOT-7 (every field written); false if the completion is dropped. */
    private boolean checkResponse(Slot s, ProtocolEvent e, OSAction completion) {
        ResponseData r = s.response;
        TaskData c = s.command;
        int gen = s.generation;
        if (r.version != SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1) {
            dk.monitor().violate(Rule.SLOT_6, "response slot " + s.index + " has version " + r.version
                    + ", not 1: the framework silently drops the completion", s.index, gen, completion.label(), e);
            return false;
        }
        if (r.fControllerTaskIdentifier != c.fControllerTaskIdentifier() || r.fTargetID != c.fTargetID()) {
            dk.monitor().violate(Rule.SLOT_6, "response slot " + s.index + " answers task 0x" + Long.toHexString(r.fControllerTaskIdentifier)
                    + " target " + r.fTargetID + ", but command slot " + s.index + " holds task 0x"
                    + Long.toHexString(c.fControllerTaskIdentifier()) + " target " + c.fTargetID(), s.index, gen, completion.label(), e);
            return true;
        }
        int missing = ResponseData.REQUIRED & ~r.written;
        if (missing != 0) {
            dk.monitor().violate(Rule.SLOT_7, "response slot " + s.index + " completed before "
                    + ResponseData.names(missing) + " were written", s.index, gen, completion.label(), e);
        }
        return true;
    }

    private void returnSlots(List<Slot> done) {
        for (Slot s : done) {
            int gen = s.generation;
            boolean back = dk.eventAndApply(lock, EventKind.RETURNED, s.index, gen, null, "slot " + s.index + " gen " + gen + " returned", e -> {
                boolean mine = s.ownedByDext && s.generation == gen;
                if (mine) {
                    s.ownedByDext = false;
                }
                return mine;
            });
            if (back) {
                outstanding.decrementAndGet();
            }
        }
        pumpIssue();
    }

    /** {@code ParallelTaskCompletion(action, response)} from the dext. */
    public void parallelTaskCompletion(OSAction completion, SCSIUserParallelResponse response) {
        if (completion == null) {
            throw new IllegalArgumentException("completion must not be null: pass the OSAction UserProcessParallelTask delivered");
        }
        if (response == null) {
            throw new IllegalArgumentException("response must not be null");
        }
        LegacyTask t = taskOf(completion);
        List<Slot> late = new ArrayList<>();
        List<Slot> toReturn = new ArrayList<>();
        // why the completion is dropped, or null if it counts
        String dropped = dk.eventAndApply(lock, EventKind.COMPLETE, t == null ? -1 : t.index, t == null ? 0 : t.generation,
                completion.label(), "ParallelTaskCompletion(" + (t == null ? "task 0x"
                        + Long.toHexString(response.fControllerTaskIdentifier()) : "task " + t.index) + ")", e -> {
                    completion.checkCompletion(e, OSAction.Type.ParallelTaskCompletion, "ParallelTaskCompletion");
                    if (t != null) {
                        return completeTask(t, response, completion, e);
                    }
                    int index = mistypedSlot(response);
                    if (index < 0) {
                        return "no task 0x" + Long.toHexString(response.fControllerTaskIdentifier()) + ": completion dropped";
                    }
                    copyInto(slots[index].response, response);
                    toReturn.addAll(classify(new int[]{index}, e, completion, late));
                    return null;
                });
        boolean done = t != null && dropped == null;
        if (dropped != null) {
            dk.event(EventKind.DROPPED, t == null ? -1 : t.index, t == null ? 0 : t.generation, completion.label(), dropped);
        }
        if (done) {
            outstanding.decrementAndGet();
            dk.event(EventKind.RETURNED, t.index, t.generation, completion.label(), "task " + t.index + " gen " + t.generation + " done");
            pumpIssue();
        }
        settle(toReturn, late, completion);
    }

    /** Under the kernel lock: SLOT-6, then CMP-3 / CMP-1; returns why the completion is dropped, or null if it counts. */
    private String completeTask(LegacyTask t, SCSIUserParallelResponse response, OSAction completion, ProtocolEvent e) {
        int gen = t.generation;
        if (response.version() != SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1) {
            dk.monitor().violate(Rule.SLOT_6, "response for task " + t.index + " has version " + response.version()
                    + ", not 1: the kernel silently drops the completion", t.index, gen, completion.label(), e);
            return "version " + response.version() + ": dropped";
        }
        if (t.outstanding && t.dextCompletedGeneration != gen) {
            t.dextCompletedGeneration = gen;
            t.outstanding = false;
            return null;
        }
        if (t.kernelCompletedGeneration == gen) {
            dk.monitor().violate(Rule.CMP_3, "task " + t.index + " completed through " + completion.label()
                    + " although UserProcessParallelTask returned a final service response", t.index, gen, completion.label(), e);
            return "the kernel already completed task " + t.index;
        }
        if (t.timedOutGeneration == gen) {
            return "late ParallelTaskCompletion for task " + t.index + " after the kernel's timeout: logged and dropped";
        }
        dk.monitor().violate(Rule.CMP_1, "task " + t.index + " gen " + gen + " completed twice", t.index, gen, completion.label(), e);
        return "task " + t.index + " was already completed";
    }

    /**
     * A legacy completion through a bundled action (ACT-4, already filed): the kernel matches the
     * response's task ID to a slot and completes that, which is why attempt 3 "works" when it
     * completes synchronously [inferred]. Returns the slot, or -1.
     */
    private int mistypedSlot(SCSIUserParallelResponse response) {
        long index = response.fControllerTaskIdentifier() - taskIdOf(0);
        return bundled && index >= 0 && index < slots.length ? (int) index : -1;
    }

    private static void copyInto(ResponseData r, SCSIUserParallelResponse response) {
        r.version = response.version();
        r.fTargetID = response.fTargetID();
        r.fControllerTaskIdentifier = response.fControllerTaskIdentifier();
        r.fCompletionStatus = response.fCompletionStatus();
        r.fServiceResponse = response.fServiceResponse();
        r.fBytesTransferred = response.fBytesTransferred();
        r.written = response.writtenFields();
    }

    private LegacyTask taskOf(OSAction a) {
        for (LegacyTask t : tasks) {
            if (t.action == a) {
                return t;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- timeouts

    private boolean timeoutDue() {
        if (!config.realTimeTimeouts() || outstanding.get() == 0) {
            return false;
        }
        long now = System.nanoTime();
        for (Slot s : slots) {
            if (s.ownedByDext && s.deadlineNanos - now <= 0) {
                return true;
            }
        }
        for (LegacyTask t : tasks) {
            if (t.outstanding && t.deadlineNanos - now <= 0) {
                return true;
            }
        }
        return false;
    }

    /** The run is stuck: every outstanding command times out now (time jumps ahead). True if any did. */
    public boolean onQuiescent() {
        return postTimeouts(Long.MAX_VALUE);
    }

    private boolean postTimeouts(long now) {
        boolean any = false;
        boolean stuck = now == Long.MAX_VALUE;
        for (Slot s : slots) {
            int gen = s.generation;
            if (s.ownedByDext && (now == Long.MAX_VALUE || s.deadlineNanos - now <= 0)) {
                s.deadlineNanos = Long.MAX_VALUE;
                kernel.post("timeout slot " + s.index, () -> timeOut(s, gen, stuck));
                any = true;
            }
        }
        for (LegacyTask t : tasks) {
            int gen = t.generation;
            if (t.outstanding && (now == Long.MAX_VALUE || t.deadlineNanos - now <= 0)) {
                t.deadlineNanos = Long.MAX_VALUE;
                kernel.post("timeout task " + t.index, () -> timeOut(t, gen, stuck));
                any = true;
            }
        }
        return any;
    }

    /** Runs a step on the kernel's thread, after the kernel's earlier work (scripts use it to pace hardware). */
    public void post(String label, Runnable step) {
        if (step == null) {
            throw new IllegalArgumentException("step must not be null");
        }
        kernel.post(label, step);
    }

    /** The kernel's timer for slot s fires now (scripts call this to race a completion). */
    public void fireTimeout(int slot) {
        Slot s = slot("slot", slot);
        kernel.post("timeout slot " + slot, () -> timeOut(s, s.generation, false));
    }

    /**
     * The kernel completes slot s itself. {@code stuck}: nothing else could run, so a command the
     * hardware finished was lost by the dext (CMP-1); a timer racing a completion is no such proof.
     */
    private void timeOut(Slot s, int gen, boolean stuck) {
        if (!(s.ownedByDext && s.generation == gen)) {
            return;
        }
        // the timeout's event if the kernel took the slot back, null if a completion came first
        ProtocolEvent e = dk.eventAndApply(lock, EventKind.TIMEOUT, s.index, gen, null, "timeout slot " + s.index + " gen " + gen
                + ": kernel completes it (TaskTimeoutOccurred)", ev -> {
                    if (!(s.ownedByDext && s.generation == gen)) {
                        return null;
                    }
                    s.timedOutGeneration = gen;
                    s.ownedByDext = false;
                    return ev;
                });
        if (e == null) {
            return;
        }
        outstanding.decrementAndGet();
        if (stuck && s.dextCompletedGeneration != gen && hba.finishedSince(s.index, s.issueSeq)) {
            dk.monitor().violate(Rule.CMP_1, "slot " + s.index + " gen " + gen + ": the hardware finished it but the dext never"
                    + " completed it; the kernel had to time it out (lost completion)", s.index, gen, null, e);
        }
        pumpIssue();
    }

    private void timeOut(LegacyTask t, int gen, boolean stuck) {
        if (!(t.outstanding && t.generation == gen)) {
            return;
        }
        // the timeout's event if the kernel took the task back, null if a completion came first
        ProtocolEvent e = dk.eventAndApply(lock, EventKind.TIMEOUT, t.index, gen, t.action.label(), "timeout task " + t.index
                + " gen " + gen + ": kernel completes it (TaskTimeoutOccurred)", ev -> {
                    if (!(t.outstanding && t.generation == gen)) {
                        return null;
                    }
                    t.outstanding = false;
                    t.timedOutGeneration = gen;
                    return ev;
                });
        if (e == null) {
            return;
        }
        outstanding.decrementAndGet();
        if (stuck && hba.finishedSince(t.index, t.issueSeq)) {
            dk.monitor().violate(Rule.CMP_1, "task " + t.index + " gen " + gen + ": the hardware finished it but the dext never"
                    + " completed it; the kernel had to time it out (lost completion)", t.index, gen, t.action.label(), e);
        }
        pumpIssue();
    }

    // ---------------------------------------------------------------- dext access checks

    Slot slot(String what, int index) {
        if (index < 0 || index >= slots.length) {
            throw new IllegalArgumentException(what + " must be 0.." + (slots.length - 1) + " (N = " + slots.length + "), was " + index);
        }
        return slots[index];
    }

    /** The generation a view taken now belongs to: the delivered one, or -1 if the dext does not hold the slot. */
    int viewGeneration(Slot s) {
        int g;
        synchronized (lock) { // several fields of the slot: read them as of one moment, never half a transition
            g = currentViewGeneration(s);
        }
        Frame top = ExecutionContext.current().top();
        if (top != null && g > 0) {
            top.sawSlot(s.index, g);
        }
        return g;
    }

    private int currentViewGeneration(Slot s) {
        int d = s.deliveredGeneration;
        if (d > 0 && (s.dextCompletedGeneration >= d || s.timedOutGeneration == d)) {
            return d;
        }
        return s.dextHolds(d) ? d : -1;
    }

    /**
     * A dext read or write of slot s through a view of generation viewGen: the event, the SLOT-1/3/5
     * checks and the access itself are one step under the kernel lock, so the trace orders them truly.
     */
    <T> T dextTouch(Slot s, int viewGen, String what, boolean write, java.util.function.Supplier<T> access) {
        return dk.eventAndApply(lock, write ? EventKind.SLOT_WRITE : EventKind.SLOT_READ, s.index,
                Math.max(viewGen, 0), null, what + " (" + (write ? "response" : "command") + " slot " + s.index + ")", e -> {
            if (!anyIssued) {
                dk.monitor().violate(Rule.SLOT_1, what + " of slot " + s.index + " before the framework issued any slot: "
                        + "at start the framework owns every slot", s.index, 0, null, e);
            } else if (viewGen <= 0) {
                dk.monitor().violate(Rule.SLOT_3, what + " of slot " + s.index + ", which the framework has not handed to the dext",
                        s.index, s.generation, null, e);
            } else if (s.dextCompletedGeneration >= viewGen) {
                dk.monitor().violate(Rule.SLOT_5, what + " of slot " + s.index + " gen " + viewGen
                        + " after the dext completed it" + (s.generation > viewGen ? " (already reissued as gen " + s.generation + ")" : ""),
                        s.index, viewGen, null, e);
            } else if (s.timedOutGeneration == viewGen) {
                // the kernel's timeout won the race; the dext cannot know yet, so this is no violation of its own
            } else if (!s.dextHolds(viewGen)) {
                dk.monitor().violate(Rule.SLOT_3, what + " of slot " + s.index + " gen " + viewGen
                        + ", which the framework took back", s.index, viewGen, null, e);
            }
            return access.get();
        });
    }

    void senseOverrun(Slot s, int length) {
        int gen = s == null ? 0 : s.generation;
        int index = s == null ? -1 : s.index;
        ProtocolEvent e = dk.event(EventKind.SLOT_WRITE, index, gen, null, "write " + length + " sense bytes");
        dk.monitor().violate(Rule.SLOT_7, "sense length " + length + " exceeds kMaxSenseBufferSize 256", index, gen, null, e);
    }

    /**
     * Whether the dext already completed the command it was last handed in slot i: its bookkeeping
     * for that command must not be revived (CMP-2).
     */
    public boolean deliveredCommandIsOver(int index) {
        Slot s = slot("slot", index);
        synchronized (lock) {
            int d = s.deliveredGeneration;
            return d > 0 && s.dextCompletedGeneration >= d; // a kernel timeout is no completion the dext could expect
        }
    }

    /** Whether slot i is issued to the dext and not yet returned. */
    public boolean isWithDext(int index) {
        return slot("slot", index).ownedByDext;
    }

    /** The generation of slot i the dext was last handed (0 if none). */
    public int deliveredGeneration(int index) {
        return slot("slot", index).deliveredGeneration;
    }

    // ---------------------------------------------------------------- queues

    /** {@code SetDispatchQueue(name, queue)}: from now on QUEUENAME(name) methods run on queue. */
    public int setDispatchQueue(String name, IODispatchQueue queue) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty queue name");
        }
        if (queue == null) {
            throw new IllegalArgumentException("queue must not be null");
        }
        dk.event(EventKind.ROUTE, -1, 0, null, "SetDispatchQueue(" + name + ")");
        registered.put(name, queue);
        return IOReturn.kIOReturnSuccess;
    }

    // ---------------------------------------------------------------- run state

    /** Nothing waits to be issued and nothing issued is still in flight. */
    public boolean workDone() {
        return requests.isEmpty() && outstanding.get() == 0;
    }

    public int outstanding() {
        return outstanding.get();
    }

    /** The action shared by all bundles, or null (per-bundle actions, or the legacy path). */
    public OSAction sharedAction() {
        return sharedAction;
    }

    static String join(int[] a, int count) {
        return IntStream.range(0, count).mapToObj(i -> Integer.toString(a[i])).collect(Collectors.joining(","));
    }
}
