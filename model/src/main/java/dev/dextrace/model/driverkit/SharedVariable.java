package dev.dextrace.model.driverkit;

import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.runtime.AtomicStep;


/**
 * A piece of dext state that blocks of more than one queue may touch, such as a per-slot table. The
 * value itself is a plain field (the dext's race stays a race); the model checks Q-3 with Eraser's
 * lockset discipline: once blocks of a second queue touch the variable, every access must hold a
 * common {@link IOLock}, or the variable must never again be written.
 *
 * <p>Plain fields, arrays and collections of the dext get the same check without any wrapping (see
 * {@code dev.dextrace.model.ivars.Ivars}); this class stays as the explicit, documented way to name a
 * variable in reports and to observe state of a class that is not instrumented.
 */
public final class SharedVariable<T> {
    private final DriverKit dk;
    private final String name;
    private T value;
    /** Q-3 bookkeeping, the same Eraser state machine plain dext state gets; guarded by 'this', never held while driver code runs. */
    private final Lockset lockset = new Lockset();

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
        String queue = Lockset.queueOfThisThread();
        return dk.eventAndApply(this, write ? new Payload.VarWrite(name, v) : new Payload.VarRead(name), e -> {
                    Lockset.Race race = lockset.access(queue, write, Lockset.heldLocks(), null, java.util.Optional.of(e.seq()));
                    if (race != null) {
                        race.file(dk.monitor(), name, e);
                    }
                    if (write) {
                        value = v;
                    }
                    return value;
                });
    }

    @Override
    public String toString() {
        return name;
    }
}
