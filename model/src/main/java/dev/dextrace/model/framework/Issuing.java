package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.Frame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issuing: the commands waiting for a slot, bundled into free slots (or handed to a free legacy task)
 * as slots free up, and the one-way {@code UserProcessBundledParallelTasks} delivery of each bundle.
 */
final class Issuing {
    static final String BUNDLED_METHOD = "UserProcessBundledParallelTasks";

    /**
     * What waits to be issued: explicit slots (scripts) or any free slots (workloads); a resent command
     * ({@code resend} > 0) keeps its SCSI tag.
     */
    private record Request(int[] slots, List<Command> commands, long resentTag, int resend) {
        Request(int[] slots, List<Command> commands) {
            this(slots, commands, 0, 0);
        }
    }

    private final SlotPool pool;
    private final DriverKit dk;
    private final Dext dext;
    private final QueueRouting routing;
    private final LegacyPath legacy;
    private final KernelWorkLoop kernel;
    private final ConcurrentLinkedDeque<Request> requests = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean issuing = new AtomicBoolean();
    private final AtomicInteger issueRequests = new AtomicInteger();
    private final AtomicLong tags = new AtomicLong();
    /** How often the command with this SCSI tag was resent after TASK_SET_FULL. */
    private final java.util.Map<Long, Integer> resendsOfTag = new java.util.concurrent.ConcurrentHashMap<>();

    private final SubmitReturns submits;

    Issuing(SlotPool pool, Dext dext, QueueRouting routing, LegacyPath legacy, KernelWorkLoop kernel, SubmitReturns submits) {
        this.submits = submits;
        this.pool = pool;
        this.dk = pool.dk;
        this.dext = dext;
        this.routing = routing;
        this.legacy = legacy;
        this.kernel = kernel;
    }

    /** Queues commands; they go into free slots (or legacy tasks) as those free up. */
    void submit(List<Command> commands) {
        if (commands == null || commands.isEmpty() || commands.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("commands must be a non-empty list without nulls");
        }
        requests.add(new Request(null, List.copyOf(commands)));
        kernel.post("issue", this::pump);
    }

    /** Queues one bundle on exactly these slots, issued once they are all free; checked before anything happens. */
    void issueBundle(int[] slotIndices, List<Command> commands) {
        pool.checkIndices("slotIndices", slotIndices, slotIndices == null ? 0 : slotIndices.length);
        if (!pool.bundled) {
            throw new IllegalStateException("issueBundle needs the bundled path; this dext did not map the buffers");
        }
        if (commands == null || commands.size() != slotIndices.length || commands.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("commands must hold exactly one non-null command per slot index ("
                    + slotIndices.length + "), was " + (commands == null ? "null" : commands.size()));
        }
        requests.add(new Request(slotIndices.clone(), List.copyOf(commands)));
        kernel.post("issue", this::pump);
    }

    /**
     * A counted completion answered TASK_COMPLETE with TASK_SET_FULL: the kernel puts the command back in
     * line, while it has resends left (PROTOCOL.md §9). True if it did. At the tail: only the pumping
     * thread takes from the head, so another thread's completion must not push there.
     */
    boolean resend(TaskData d, int completionStatus, int serviceResponse) {
        if (d == null || completionStatus != SCSITaskStatus.kSCSITaskStatus_TASK_SET_FULL
                || serviceResponse != SCSIServiceResponse.kSCSIServiceResponse_TASK_COMPLETE) {
            return false;
        }
        int n = resendsOfTag.getOrDefault(d.fTaskTagIdentifier(), 0) + 1;
        if (n > pool.config.taskSetFullResends() || pool.stopped) {
            return false;
        }
        resendsOfTag.put(d.fTaskTagIdentifier(), n);
        Command c = new Command(d.fTargetID(), java.util.Arrays.copyOf(d.fCommandDescriptorBlock(), d.fCommandSize()),
                d.fRequestedTransferCount(), d.fTransferDirection(), d.fTimeoutInMilliSec());
        requests.add(new Request(null, List.of(c), d.fTaskTagIdentifier(), n));
        return true;
    }

    /** Nothing waits to be issued (after the stop nothing ever will: what waited is failed by the kernel). */
    boolean idle() {
        return requests.isEmpty() || pool.stopped;
    }

    /** Issues what can be issued; one thread at a time, others leave a note that there is more to do. */
    void pump() {
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
        if (r == null || pool.stopped) {
            return false;
        }
        if (!pool.bundled) {
            Optional<LegacyTask> free = legacy.freeTask();
            if (free.isEmpty()) {
                return false;
            }
            LegacyTask t = free.get();
            Command c = r.commands().get(0);
            advance(r, 1);
            legacy.call(t, c, taskData(t.index, c, r), name(c, r));
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
        issueBundleNow(chosen, cmds, r);
        return true;
    }

    /** The slots the next bundle of {@code r} goes to: the ones it names, or free ones up to the bundle size; empty if it must wait. */
    @AtomicStep("reads the slot table and takes a request off the deque; no event")
    private List<Slot> chooseBundle(Request r) {
        List<Slot> chosen = new ArrayList<>();
        if (r.slots() != null) {
            for (int i : r.slots()) {
                if (pool.slots[i].ownedByDext) {
                    return List.of();
                }
                chosen.add(pool.slots[i]);
            }
            requests.pollFirst();
        } else {
            for (Slot s : pool.slots) {
                if (!s.ownedByDext && chosen.size() < Math.min(pool.config.maxBundle(), r.commands().size())) {
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

    /** The command's name in its ISSUE event; a resend says so. */
    private static String name(Command c, Request r) {
        String name = TaskData.nameOf(c.cdb()[0]);
        return r.resend() == 0 ? name : name + " (resend " + r.resend() + " after TASK_SET_FULL)";
    }

    private TaskData taskData(int index, Command c, Request r) {
        byte[] cdb = new byte[16];
        byte[] src = c.cdb();
        System.arraycopy(src, 0, cdb, 0, src.length);
        return new TaskData(TaskData.kSCSIUserParallelTaskVersion1, c.targetId(), 0, SlotPool.taskIdOf(index),
                c.transferBytes(), 0x1_0000_0000L + index * 0x10_0000L, TaskData.SIMPLE, r.resend() > 0 ? r.resentTag() : tags.incrementAndGet(),
                new byte[8], cdb, src.length, c.direction(), c.timeoutMillis());
    }

    /** Issues the bundle (one ISSUE event per slot) and queues its delivery; runs no driver code itself. */
    @AtomicStep("ISSUE events under the kernel lock, then one block queued for delivery")
    private void issueBundleNow(List<Slot> chosen, List<Command> cmds, Request r) {
        int[] indices = chosen.stream().mapToInt(s -> s.index).toArray();
        for (int k = 0; k < chosen.size(); k++) {
            Slot s = chosen.get(k);
            TaskData d = taskData(s.index, cmds.get(k), r);
            int gen = s.generation + 1;
            dk.eventAndApply(pool.lock, new Payload.Issue(Payload.Unit.SLOT, s.index, gen, name(cmds.get(k), r), Optional.empty()), e -> {
                        s.command = d;
                        s.response.written = 0;
                        s.issueSeq = e.seq();
                        s.deadlineNanos = System.nanoTime() + d.fTimeoutInMilliSec() * 1_000_000L;
                        s.generation = gen;
                        s.ownedByDext = true;
                        return null;
                    });
            pool.outstanding.incrementAndGet();
            pool.anyIssued = true;
        }
        OSAction action = pool.sharedAction != null ? pool.sharedAction
                : OSAction.createByFramework(dk, OSAction.Type.BundledParallelTaskCompletion);
        Payload.Process process = new Payload.Process(Arrays.stream(indices).boxed().toList(), action.label());
        SlotIndexArray arg = new SlotIndexArray(dk, indices, indices.length);
        routing.route(BUNDLED_METHOD).dispatchAsync(process.text(), action, () -> deliverBundle(process, indices, arg, action));
    }

    private void deliverBundle(Payload.Process process, int[] indices, SlotIndexArray arg, OSAction action) {
        beginProcess(process, indices);
        try {
            dext.UserProcessBundledParallelTasks(arg, indices.length, action);
        } finally {
            dk.event(new Payload.ProcessReturn(process.slots(), process.action()));
            if (action != pool.sharedAction) {
                action.releaseByFramework();
            }
            submits.returned(indices);
        }
    }

    /** Process begins: the slots of the bundle are delivered to the dext, as one step. */
    @AtomicStep("one PROCESS_BEGIN event that marks the bundle's slots delivered, under the kernel lock")
    private void beginProcess(Payload.Process process, int[] indices) {
        Frame call = ExecutionContext.current().top();
        dk.eventAndApply(pool.lock, process, e -> {
            for (int i : indices) {
                pool.slots[i].deliveredGeneration = pool.slots[i].generation;
                call.sawSlot(i, pool.slots[i].generation);
            }
            return null;
        });
    }
}
