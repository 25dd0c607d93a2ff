package dev.dextrace.model.framework;

import java.util.Optional;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.runtime.ExecutionContext;

/**
 * The kernel's SAM-2 task-management calls (PROTOCOL.md §9). Each is sent about a task in flight, once
 * the submit call that delivered it returned, synchronously on Default like the other framework calls
 * [inferred], while the task may be completing on another queue. With
 * {@link FrameworkConfig.AbortedCommand#DONE_BY_ANSWER}, a FUNCTION_COMPLETE answer ends every command
 * the function names: the kernel takes their slots back, and a later completion of one by the dext is
 * a double completion (CMP-1, filed by {@link BundledCompletion}). On the legacy path the same holds
 * for a pool task [inferred, as on the bundled path]: the call comes once UserProcessParallelTask
 * returned, and a later ParallelTaskCompletion of a task answered done is CMP-1 ({@link LegacyPath}).
 */
final class TaskManagement {
    private final SlotPool pool;
    private final DriverKit dk;
    private final Dext dext;
    private final QueueRouting routing;
    private final SubmitReturns submits;
    private final KernelWorkLoop kernel;
    private final Runnable issueMore;

    TaskManagement(SlotPool pool, Dext dext, QueueRouting routing, SubmitReturns submits, KernelWorkLoop kernel, Runnable issueMore) {
        this.pool = pool;
        this.dk = pool.dk;
        this.dext = dext;
        this.routing = routing;
        this.submits = submits;
        this.kernel = kernel;
        this.issueMore = issueMore;
    }

    /**
     * Queues {@code f} about the command in slot (or legacy task) {@code index}, after the kernel's earlier work.
     *
     * @throws IllegalArgumentException for an index outside 0..N-1
     */
    void send(TaskManagementFunction f, int index) {
        if (f == null) {
            throw new IllegalArgumentException("function must be one of " + java.util.Arrays.toString(TaskManagementFunction.values()));
        }
        if (!pool.bundled) {
            LegacyTask t = pool.task("task", index);
            // the two-way UserProcessParallelTask has returned once the task is in flight and its call is back
            kernel.post(f.method() + " about task " + index, () -> {
                int gen = t.generation;
                if (t.inFlight() && t.callReturnedGeneration == gen) {
                    call(f, t, gen);
                } else {
                    dk.event(new Payload.TaskManagementSkipped(f.method(), index, gen, "is not in flight"));
                }
            });
            return;
        }
        Slot s = pool.slot("slot", index);
        kernel.post(f.method() + " about slot " + index, () -> {
            int gen = s.generation;
            if (s.inFlight()) {
                submits.whenReturned(s, gen, f.method() + " about slot " + index, () -> call(f, s, gen));
            } else {
                dk.event(new Payload.TaskManagementSkipped(f.method(), index, gen, "is not in flight"));
            }
        });
    }

    /** The two-way call on Default, then what the answer means for the commands it names. */
    private void call(TaskManagementFunction f, InFlight s, int gen) {
        TaskData named = s.command();
        if (!(s.inFlight() && s.generation() == gen)) {
            dk.event(new Payload.TaskManagementSkipped(f.method(), s.index(), gen, "gen " + gen + " completed first"));
            return;
        }
        String label = f.method() + "(target " + named.fTargetID() + ", tag " + named.fTaskTagIdentifier() + ")";
        int[] answer = {SCSIServiceResponse.kSCSIServiceResponse_SERVICE_DELIVERY_OR_TARGET_FAILURE};
        routing.defaultQueue().runSync(label, null, () -> {
            CallScoped<Integer> response = CallScoped.argument(dk, ExecutionContext.current().top(), "response",
                    SCSIServiceResponse.kSCSIServiceResponse_SERVICE_DELIVERY_OR_TARGET_FAILURE);
            dk.event(new Payload.TaskManagement(label, s.index(), gen, Optional.empty()));
            try {
                f.call(dext, named, response);
            } finally {
                answer[0] = response.valueAtReturn();
            }
        });
        dk.event(new Payload.TaskManagement(label, s.index(), gen, Optional.of(SCSIServiceResponse.name(answer[0]))));
        if (answer[0] != SCSIServiceResponse.kSCSIServiceResponse_FUNCTION_COMPLETE
                || pool.config.abortedCommand() != FrameworkConfig.AbortedCommand.DONE_BY_ANSWER) {
            return;
        }
        boolean freed = false;
        for (InFlight o : pool.bundled ? pool.slots : pool.tasks) {
            TaskData c = o.command();
            int g = o.generation();
            if (c != null && o.inFlight() && f.ends(named, c)) {
                freed |= pool.kernelCompletes(o, g, new Payload.KernelCompletes(o.unit(), o.index(), g, o.action(),
                        f.method() + " answered FUNCTION_COMPLETE", "as aborted"), true, () -> o.abortBack(g)) != null;
            }
        }
        if (freed) {
            issueMore.run();
        }
    }
}
