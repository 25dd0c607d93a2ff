package dev.dextrace.model.driverkit;

import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.Frame;

import java.util.Optional;

/**
 * Memory that lives only as long as one call: an argument such as the {@code response}
 * out-parameter of {@code UserProcessParallelTask}, or a stack local. In C a pointer to it dangles
 * once the call returns; here any access after that is ACT-5 and leaves the value untouched.
 */
public final class CallScoped<T> {
    private final DriverKit dk;
    private final Frame frame;
    private final String name;
    private T value;

    private CallScoped(DriverKit dk, Frame frame, String name, T initial) {
        this.dk = dk;
        this.frame = frame;
        this.name = name;
        this.value = initial;
    }

    /** A stack local of the innermost active call on this thread, e.g. {@code uint32_t response;}. */
    public static <T> CallScoped<T> local(String name, T initial) {
        Frame top = ExecutionContext.current().top();
        if (top == null) {
            throw new IllegalStateException("a stack local needs an active call: create it inside a driver method");
        }
        return new CallScoped<>(DriverKit.current(), top, name, initial);
    }

    /** An argument owned by the call {@code frame} (the framework makes these). */
    public static <T> CallScoped<T> argument(DriverKit dk, Frame frame, String name, T initial) {
        return new CallScoped<>(dk, frame, name, initial);
    }

    /** {@code *p} */
    public T get() {
        return check(false, null) ? value : null;
    }

    /** {@code *p = v} */
    public void set(T v) {
        if (check(true, v)) {
            value = v;
        }
    }

    /** The value as the owning call saw it when it returned (for the framework, which reads out-parameters). */
    public T valueAtReturn() {
        return value;
    }

    /** @param v the value written, when {@code write} */
    private boolean check(boolean write, T v) {
        if (frame.active()) {
            return true;
        }
        Payload.ScopedAccess access = new Payload.ScopedAccess(name, frame.method(),
                write ? Optional.of(String.valueOf(v)) : Optional.empty());
        ProtocolEvent e = dk.event(access);
        dk.monitor().violate(Rule.ACT_5, access.access() + " " + name + ", call-scoped memory of " + frame.method()
                + ", after that call returned", e);
        return false;
    }

    @Override
    public String toString() {
        return name + " of " + frame.method();
    }
}
