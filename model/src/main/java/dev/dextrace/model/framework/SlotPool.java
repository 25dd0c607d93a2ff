package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.runtime.AtomicStep;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The kernel's bookkeeping that every job of the framework shares: the N slots (bundled path) or N
 * legacy tasks, which path the dext chose, the commands in flight, and the kernel lock that guards
 * every transition. The lock is never held while driver code runs or while an event is recorded.
 */
final class SlotPool {
    final DriverKit dk;
    final FrameworkConfig config;
    final Object lock = new Object();
    /** Commands issued and not yet back with the kernel (returned, completed by the kernel, or timed out). */
    final AtomicInteger outstanding = new AtomicInteger();
    volatile boolean anyIssued;
    volatile boolean bundled;
    /** UserStopController ran (or runs): nothing more is issued. Set under the lock. */
    volatile boolean stopped;
    Slot[] slots = new Slot[0];
    LegacyTask[] tasks = new LegacyTask[0];
    /** The action shared by all bundles, or null (per-bundle actions, or the legacy path). */
    OSAction sharedAction;

    SlotPool(DriverKit dk, FrameworkConfig config) {
        this.dk = dk;
        this.config = config;
    }

    /** @throws IllegalArgumentException naming {@code what} if index is outside 0..N-1 */
    @AtomicStep("reads the slot table only")
    Slot slot(String what, int index) {
        if (index < 0 || index >= slots.length) {
            throw new IllegalArgumentException(what + " must be 0.." + (slots.length - 1) + " (N = " + slots.length + "), was " + index);
        }
        return slots[index];
    }

    /** @throws IllegalArgumentException naming {@code what} if index is outside 0..N-1 of the legacy pool */
    @AtomicStep("reads the task table only")
    LegacyTask task(String what, int index) {
        if (index < 0 || index >= tasks.length) {
            throw new IllegalArgumentException(what + " must be 0.." + (tasks.length - 1) + " (N = " + tasks.length + "), was " + index);
        }
        return tasks[index];
    }

    /**
     * Checks the first {@code count} entries of a slot index list the dext or a script passed.
     *
     * @throws IllegalArgumentException for a count outside 1..32, an index outside 0..N-1 or a duplicate
     */
    void checkIndices(String what, int[] indices, int count) {
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

    /**
     * The kernel completes a task itself (timeout, abort answered done, removal, stop): one step under
     * the kernel lock. If {@code f} still carries generation {@code gen} (and, with {@code unlessCompleted},
     * the dext has not completed it), {@code takeBack} hands it back to the kernel and the event is returned;
     * null when a completion came first.
     */
    @AtomicStep("one event and the take-back it records, under the kernel lock")
    ProtocolEvent kernelCompletes(InFlight f, int gen, Payload step, boolean unlessCompleted, Runnable takeBack) {
        ProtocolEvent e = dk.eventAndApply(lock, step, ev -> {
            if (!(f.inFlight() && f.generation() == gen) || (unlessCompleted && f.dextCompleted(gen))) {
                return null;
            }
            takeBack.run();
            return ev;
        });
        if (e != null) {
            outstanding.decrementAndGet();
        }
        return e;
    }

    /** fControllerTaskIdentifier: the dext-assigned ID of the pool task behind slot i, stable across I/Os. */
    static long taskIdOf(int index) {
        return 0x1000 + index;
    }

    static String join(int[] a, int count) {
        return IntStream.range(0, count).mapToObj(i -> Integer.toString(a[i])).collect(Collectors.joining(","));
    }
}
