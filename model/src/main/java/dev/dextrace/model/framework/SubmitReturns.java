package dev.dextrace.model.framework;

import dev.dextrace.model.runtime.AtomicStep;

import java.util.ArrayList;
import java.util.List;

/**
 * [code] The kernel acts on a task it forces to an end (removal, task management, stop) only once the
 * submit call that delivered it has returned (PROTOCOL.md §6, §9). Waiting would block the kernel's
 * thread (on two lanes, the very thread that must run Process), so the act is queued here and posted
 * to the kernel's work loop when the Process call returns.
 */
final class SubmitReturns {
    private record Waiter(Slot slot, int gen, String label, Runnable then) {
    }

    private final SlotPool pool;
    private final KernelWorkLoop kernel;
    /** Guarded by the kernel lock. */
    private final List<Waiter> waiting = new ArrayList<>();

    SubmitReturns(SlotPool pool, KernelWorkLoop kernel) {
        this.pool = pool;
        this.kernel = kernel;
    }

    /** Runs {@code then} now if the submit of generation gen of slot s has returned, else on the kernel's thread once it has. */
    void whenReturned(Slot s, int gen, String label, Runnable then) {
        if (!queuedUnlessReturned(s, gen, label, then)) {
            then.run();
        }
    }

    @AtomicStep("reads one slot field and queues a waiter under the kernel lock; no event")
    private boolean queuedUnlessReturned(Slot s, int gen, String label, Runnable then) {
        synchronized (pool.lock) {
            if (s.submitReturnedGeneration >= gen) {
                return false;
            }
            waiting.add(new Waiter(s, gen, label, then));
            return true;
        }
    }

    /** The Process call that delivered these slots returned: what waited for them goes to the kernel's thread. */
    @AtomicStep("marks the slots under the kernel lock and posts what waited; no event")
    void returned(int[] indices) {
        List<Waiter> ready = new ArrayList<>();
        synchronized (pool.lock) {
            for (int i : indices) {
                Slot s = pool.slots[i];
                s.submitReturnedGeneration = Math.max(s.submitReturnedGeneration, s.deliveredGeneration);
            }
            waiting.removeIf(w -> w.slot.submitReturnedGeneration >= w.gen && ready.add(w));
        }
        ready.forEach(w -> kernel.post(w.label, w.then));
    }
}
