package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Subject;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.ExecutionContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The legacy two-way path: a pool of N tasks, each with the completion action the kernel reuses for
 * every I/O it carries; {@code UserProcessParallelTask} with the kernel waiting for the reply, and
 * {@code ParallelTaskCompletion} (SLOT-6, CMP-1, CMP-3).
 */
final class LegacyPath {
    static final String LEGACY_METHOD = "UserProcessParallelTask";

    private final SlotPool pool;
    private final DriverKit dk;
    private final Dext dext;
    private final QueueRouting routing;
    private final BundledCompletion bundled;
    private final Runnable issueMore;
    private final Resends resends;

    /**
     * @param bundled   completes a slot a legacy completion names by mistake (ACT-4)
     * @param issueMore issues what waits for the task a completion frees
     * @param resends   takes a command answered TASK_SET_FULL back in line
     */
    LegacyPath(SlotPool pool, Dext dext, QueueRouting routing, BundledCompletion bundled, Runnable issueMore, Resends resends) {
        this.resends = resends;
        this.pool = pool;
        this.dk = pool.dk;
        this.dext = dext;
        this.routing = routing;
        this.bundled = bundled;
        this.issueMore = issueMore;
    }

    Optional<LegacyTask> freeTask() {
        return Arrays.stream(pool.tasks).filter(t -> !t.outstanding).findFirst();
    }

    /** The two-way UserProcessParallelTask call of command d on task t: the kernel thread waits for the reply. */
    void call(LegacyTask t, Command c, TaskData d, String name) {
        int gen = t.generation + 1;
        dk.eventAndApply(pool.lock, new Payload.Issue(Payload.Unit.TASK, t.index, gen, name, Optional.of(t.action.label())), e -> {
                    t.generation = gen;
                    t.command = d;
                    t.outstanding = true;
                    t.issueSeq = e.seq();
                    t.deadlineNanos = System.nanoTime() + c.timeoutMillis() * 1_000_000L;
                    return null;
                });
        pool.outstanding.incrementAndGet();
        pool.anyIssued = true;
        String label = "ProcessParallelTask(task " + t.index + ")";
        int[] reply = {-1};
        boolean[] replied = {false};
        Runnable call = () -> {
            CallScoped<Integer> response = CallScoped.argument(dk, ExecutionContext.current().top(), "response",
                    SCSIServiceResponse.kSCSIServiceResponse_SERVICE_DELIVERY_OR_TARGET_FAILURE);
            dk.event(new Payload.ProcessTask(t.index, gen, t.action.label()));
            int kr = IOReturn.kIOReturnError;
            try {
                kr = dext.UserProcessParallelTask(SCSIUserParallelTask.of(d), response, t.action);
            } finally {
                reply[0] = response.valueAtReturn();
                dk.event(new Payload.ProcessTaskReturn(t.index, gen, t.action.label(), kr, SCSIServiceResponse.name(reply[0])));
                replied[0] = true;
            }
        };
        IODispatchQueue q = routing.route(LEGACY_METHOD);
        IODispatchQueue defaultQueue = routing.defaultQueue();
        if (q != defaultQueue && pool.config.redirectedIo() == FrameworkConfig.RedirectedIo.DEADLOCK) {
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
        t.callReturnedGeneration = gen;
        if (!replied[0]) {
            dk.event(new Payload.NoReply(t.index, gen, t.action.label()));
            return;
        }
        if (reply[0] != SCSIServiceResponse.kSCSIServiceResponse_Request_In_Process) {
            kernelCompletes(t, gen, reply[0]);
        }
    }

    /** UserProcessParallelTask returned a final response: the kernel completes the task itself (CMP-3 if the dext did too). */
    private void kernelCompletes(LegacyTask t, int gen, int reply) {
        // the event when the dext completed the task too (CMP-3), else null
        ProtocolEvent dextToo = dk.eventAndApply(pool.lock, new Payload.KernelCompleted(t.index, gen, t.action.label(), SCSIServiceResponse.name(reply)), done -> {
                    boolean both = t.dextCompletedGeneration == gen;
                    t.kernelCompletedGeneration = gen;
                    if (!both && t.generation == gen && t.outstanding) {
                        t.outstanding = false;
                        pool.outstanding.decrementAndGet();
                    }
                    return both ? done : null;
                });
        if (dextToo != null) {
            dk.monitor().violate(Rule.CMP_3, "UserProcessParallelTask returned " + SCSIServiceResponse.name(reply)
                    + " for task " + t.index + " and also completed it through " + t.action.label(), Subject.slot(t.index, gen).withAction(t.action.label()), dextToo);
        }
    }

    /** {@code ParallelTaskCompletion(action, response)} from the dext. */
    @AtomicStep("one COMPLETE event and its checks under the kernel lock")
    void complete(OSAction completion, SCSIUserParallelResponse response) {
        if (completion == null) {
            throw new IllegalArgumentException("completion must not be null: pass the OSAction UserProcessParallelTask delivered");
        }
        if (response == null) {
            throw new IllegalArgumentException("response must not be null");
        }
        Optional<LegacyTask> task = taskOf(completion);
        TaskData command = task.map(t -> t.command).orElse(null); // read before the completion: the task cannot be reissued yet
        List<Slot> late = new ArrayList<>();
        List<Slot> toReturn = new ArrayList<>();
        // why the completion is dropped; empty if it counts
        Optional<String> dropped = dk.eventAndApply(pool.lock, new Payload.TaskCompletion(
                task.map(t -> OptionalInt.of(t.index)).orElse(OptionalInt.empty()),
                task.filter(t -> t.generation > 0).map(t -> OptionalInt.of(t.generation)).orElse(OptionalInt.empty()),
                response.fControllerTaskIdentifier(), completion.label()), e -> {
                    completion.checkCompletion(e, OSAction.Type.ParallelTaskCompletion, "ParallelTaskCompletion");
                    if (task.isPresent()) {
                        return completeTask(task.get(), response, completion, e);
                    }
                    OptionalInt index = mistypedSlot(response);
                    if (index.isEmpty()) {
                        return Optional.of("no task 0x" + Long.toHexString(response.fControllerTaskIdentifier()) + ": completion dropped");
                    }
                    copyInto(pool.slots[index.getAsInt()].response, response);
                    toReturn.addAll(bundled.classify(new int[]{index.getAsInt()}, e, completion, late));
                    return Optional.empty();
                });
        Subject about = task.map(t -> Subject.slot(t.index, t.generation)).orElse(Subject.NONE).withAction(completion.label());
        dropped.ifPresent(why -> dk.event(new Payload.Dropped(about, why)));
        if (task.isPresent() && dropped.isEmpty()) {
            LegacyTask t = task.get();
            pool.outstanding.decrementAndGet();
            dk.event(new Payload.Returned(Payload.Unit.TASK, t.index, t.generation, Optional.of(completion.label())));
            resends.offer(command, response.fCompletionStatus(), response.fServiceResponse());
            issueMore.run();
        }
        bundled.settle(toReturn, late, completion);
    }

    /** Under the kernel lock: SLOT-6, then CMP-3 / CMP-1; returns why the completion is dropped, empty if it counts. */
    private Optional<String> completeTask(LegacyTask t, SCSIUserParallelResponse response, OSAction completion, ProtocolEvent e) {
        int gen = t.generation;
        if (response.version() != SCSIUserParallelResponse.kScsiUserParallelTaskResponseVersion1) {
            dk.monitor().violate(Rule.SLOT_6, "response for task " + t.index + " has version " + response.version()
                    + ", not 1: the kernel silently drops the completion", Subject.slot(t.index, gen).withAction(completion.label()), e);
            return Optional.of("version " + response.version() + ": dropped");
        }
        if (t.outstanding && t.dextCompletedGeneration != gen) {
            t.dextCompletedGeneration = gen;
            t.outstanding = false;
            return Optional.empty();
        }
        if (t.kernelCompletedGeneration == gen) {
            dk.monitor().violate(Rule.CMP_3, "task " + t.index + " completed through " + completion.label()
                    + " although UserProcessParallelTask returned a final service response", Subject.slot(t.index, gen).withAction(completion.label()), e);
            return Optional.of("the kernel already completed task " + t.index);
        }
        if (t.timedOutGeneration == gen) {
            return Optional.of("late ParallelTaskCompletion for task " + t.index + " after the kernel's timeout: logged and dropped");
        }
        String how = t.abortedGeneration == gen ? " completed after the dext answered its abort FUNCTION_COMPLETE" : " completed twice";
        dk.monitor().violate(Rule.CMP_1, "task " + t.index + " gen " + gen + how, Subject.slot(t.index, gen).withAction(completion.label()), e);
        return Optional.of("task " + t.index + " was already completed");
    }

    /**
     * A legacy completion through a bundled action (ACT-4, already filed): the kernel matches the
     * response's task ID to a slot and completes that, which is why attempt 3 "works" when it
     * completes synchronously [inferred]. Returns the slot, if the ID names one.
     */
    private OptionalInt mistypedSlot(SCSIUserParallelResponse response) {
        long index = response.fControllerTaskIdentifier() - SlotPool.taskIdOf(0);
        return pool.bundled && index >= 0 && index < pool.slots.length ? OptionalInt.of((int) index) : OptionalInt.empty();
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

    private Optional<LegacyTask> taskOf(OSAction a) {
        return Arrays.stream(pool.tasks).filter(t -> t.action == a).findFirst();
    }
}
