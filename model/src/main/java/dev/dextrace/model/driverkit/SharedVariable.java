package dev.dextrace.model.driverkit;

import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.ExecutionContext;

import java.util.HashSet;
import java.util.Set;

/**
 * A piece of dext state that blocks of more than one queue may touch, such as a per-slot table. The
 * value itself is a plain field (the dext's race stays a race); the model checks Q-3 with Eraser's
 * lockset discipline: once blocks of a second queue touch the variable, every access must hold a
 * common {@link IOLock}, or the variable must never again be written.
 */
public final class SharedVariable<T> {
    private enum State { VIRGIN, EXCLUSIVE, SHARED, SHARED_MODIFIED }

    private final DriverKit dk;
    private final String name;
    private T value;
    // Monitor bookkeeping, guarded by 'this'; never held while driver code runs.
    private State state = State.VIRGIN;
    private String firstQueue;
    private Set<IOLock> candidates;
    private boolean reported;

    private SharedVariable(DriverKit dk, String name, T initial) {
        this.dk = dk;
        this.name = name;
        this.value = initial;
    }

    public static <T> SharedVariable<T> of(String name, T initial) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty variable name");
        }
        return new SharedVariable<>(DriverKit.current(), name, initial);
    }

    @AtomicStep("one read of a shared variable: one event")
    public T get() {
        return access(false, null);
    }

    @AtomicStep("one write of a shared variable: one event")
    public void set(T v) {
        access(true, v);
    }

    public String name() {
        return name;
    }

    /** The access, its event and the lockset bookkeeping happen as one step, so the trace shows the value's real order. */
    private T access(boolean write, T v) {
        ExecutionContext ctx = ExecutionContext.current();
        String queue = ctx.queue() != null ? ctx.queue() : ctx.lane();
        return dk.eventAndApply(this, write ? EventKind.VAR_WRITE : EventKind.VAR_READ, -1, 0, null,
                write ? "write " + name + " = " + v : "read " + name, e -> {
                    String report = lockset(queue, write);
                    if (report != null) {
                        dk.monitor().violate(Rule.Q_3, report, -1, 0, null, e);
                    }
                    if (write) {
                        value = v;
                    }
                    return value;
                });
    }

    /** Eraser's state machine; returns a report the first time the variable is found unprotected. Guarded by 'this'. */
    private String lockset(String queue, boolean write) {
        Set<IOLock> held = new HashSet<>(IOLock.heldByThisThread());
        switch (state) {
            case VIRGIN -> {
                state = State.EXCLUSIVE;
                firstQueue = queue;
            }
            case EXCLUSIVE -> {
                if (!queue.equals(firstQueue)) {
                    state = write ? State.SHARED_MODIFIED : State.SHARED;
                    candidates = held;
                }
            }
            case SHARED, SHARED_MODIFIED -> {
                candidates.retainAll(held);
                if (write) {
                    state = State.SHARED_MODIFIED;
                }
            }
        }
        if (state == State.SHARED_MODIFIED && candidates.isEmpty() && !reported) {
            reported = true;
            return name + " is shared by " + firstQueue + " and " + queue + " and written with no common lock";
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
