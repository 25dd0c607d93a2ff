package dev.dextrace.model.driverkit;

import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Subject;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.ExecutionContext;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DriverKit's {@code OSAction}: a typed callback object with a reference count. Created at +1 by its
 * creator. The model also counts the references the dext holds, so it can tell a use the dext has no
 * right to (ACT-1) from a use after the last release (ACT-2). Identity is not I/O identity: the
 * kernel may reuse one action for many commands.
 */
public final class OSAction {

    /** What a completion through this action must be: {@code TYPE(...)} in the .iig. */
    public enum Type {
        ParallelTaskCompletion, BundledParallelTaskCompletion, Other
    }

    private final DriverKit dk;
    private final int id;
    private final Type type;
    private final boolean frameworkCreated;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final AtomicInteger dextRefs = new AtomicInteger();
    private final AtomicBoolean abortedRan = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Runnable aborted;

    private OSAction(DriverKit dk, Type type, boolean frameworkCreated) {
        this.dk = dk;
        this.id = dk.nextId();
        this.type = type;
        this.frameworkCreated = frameworkCreated;
        dk.register(this);
    }

    /** An action the framework creates (its completion actions), at +1 held by the framework. */
    public static OSAction createByFramework(DriverKit dk, Type type) {
        OSAction a = new OSAction(dk, type, true);
        dk.event(new Payload.ActionStep(Payload.ActionOp.CREATE, a.label()));
        return a;
    }

    /** An action the dext creates for itself, at +1 held by the dext. */
    public static OSAction Create(Type type) {
        DriverKit dk = DriverKit.current();
        OSAction a = new OSAction(dk, type, false);
        a.dextRefs.set(1);
        dk.event(new Payload.ActionStep(Payload.ActionOp.CREATE, a.label()));
        return a;
    }

    /** The event of one step of this action's life. */
    private Payload step(Payload.ActionOp op) {
        return new Payload.ActionStep(op, label());
    }

    /** e.g. {@code action#3 (bundled)} */
    @AtomicStep("reads final fields")
    public String label() {
        return "action#" + id + switch (type) {
            case BundledParallelTaskCompletion -> " (bundled)";
            case ParallelTaskCompletion -> " (legacy)";
            case Other -> "";
        };
    }

    public Type type() {
        return type;
    }

    public boolean frameworkCreated() {
        return frameworkCreated;
    }

    public int retainCount() {
        return refs.get();
    }

    /** References the dext holds now (what it retained and has not released). */
    public int dextReferences() {
        return dextRefs.get();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public boolean isFreed() {
        return refs.get() <= 0;
    }

    /** {@code retain()} by the dext. */
    @AtomicStep("one RETAIN event under the action's lock")
    public void retain() {
        dk.eventAndApply(this, step(Payload.ActionOp.RETAIN), e -> {
            if (checkAlive(e, "retain")) {
                checkDextMayUse(e, "retain");
                refs.incrementAndGet();
                dextRefs.incrementAndGet();
            }
            return null;
        });
    }

    /** {@code release()} by the dext. */
    public void release() {
        runAborted(dk.eventAndApply(this, step(Payload.ActionOp.RELEASE), e -> {
            if (!checkAlive(e, "release")) {
                return null;
            }
            if (dextRefs.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
                dk.monitor().violate(Rule.ACT_1, label() + " released by the dext more often than it retained it", Subject.action(label()), e);
            }
            return drop();
        }));
    }

    /** The framework lets go of its own reference (e.g. after the call that delivered a per-bundle action). */
    public void releaseByFramework() {
        runAborted(dk.eventAndApply(this, step(Payload.ActionOp.FRAMEWORK_RELEASE),
                e -> checkAlive(e, "framework release") ? drop() : null));
    }

    /** Drops one reference, in the caller's step; returns the Aborted handler to run if that was the last. */
    private Runnable drop() {
        if (refs.decrementAndGet() != 0) {
            return null;
        }
        dk.monitor().recordInStep(step(Payload.ActionOp.FREE));
        Runnable h = aborted;
        if (h == null || !abortedRan.compareAndSet(false, true)) {
            return null;
        }
        dk.monitor().recordInStep(step(Payload.ActionOp.ABORTED));
        return h;
    }

    /** The handler is driver code: it runs after the step, holding no lock of the model's. */
    private static void runAborted(Runnable handler) {
        if (handler != null) {
            handler.run();
        }
    }

    /**
     * {@code Cancel(handler)}: after it, the action can only be freed. A dext must never cancel a
     * framework action (ACT-3). The handler runs as the Aborted handler, at most once, when the last
     * reference goes.
     */
    @AtomicStep("one CANCEL event; the Aborted handler runs later on the action's queue")
    public void Cancel(Runnable handler) {
        dk.eventAndApply(this, step(Payload.ActionOp.CANCEL), e -> {
            if (checkAlive(e, "cancel")) {
                if (frameworkCreated) {
                    dk.monitor().violate(Rule.ACT_3, "the dext cancelled framework-created " + label(), Subject.action(label()), e);
                }
                cancelled = true;
                aborted = handler;
            }
            return null;
        });
    }

    /**
     * The kernel tears its own action down (the controller stopped): no ACT-3 for the kernel, but a
     * completion through it afterwards is one (a torn-down path).
     */
    @AtomicStep("one CANCEL event under the action's lock")
    public void cancelByFramework() {
        dk.eventAndApply(this, new Payload.ActionStep(Payload.ActionOp.FRAMEWORK_TEARDOWN, label()), e -> {
            if (refs.get() > 0) {
                cancelled = true;
            }
            return null;
        });
    }

    /**
     * Checks a completion through this action: alive (ACT-2), the dext's right to use it (ACT-1),
     * not cancelled (ACT-3), typed for {@code method} (ACT-4). The completion goes on either way, as
     * a use after free often "works" in C: each mistake shows as its own rule, not as a cascade.
     */
    @AtomicStep("the ACT checks of one completion, inside its COMPLETE step")
    public synchronized void checkCompletion(ProtocolEvent e, Type method, String methodName) {
        if (!checkAlive(e, methodName)) {
            return;
        }
        checkDextMayUse(e, methodName);
        if (cancelled) {
            dk.monitor().violate(Rule.ACT_3, methodName + " through cancelled " + label(), Subject.action(label()), e);
        }
        if (type != method) {
            dk.monitor().violate(Rule.ACT_4, methodName + " through " + label() + ", which is typed for "
                    + type + ": the target receives a message it does not expect", Subject.action(label()), e);
        }
    }

    private boolean checkAlive(ProtocolEvent e, String use) {
        if (refs.get() <= 0) {
            dk.monitor().violate(Rule.ACT_2, use + " of " + label() + " after its last release (use after free)", Subject.action(label()), e);
            return false;
        }
        return true;
    }

    /** Outside the call that delivered it, the dext may use an action only while it holds a reference (ACT-1). */
    private void checkDextMayUse(ProtocolEvent e, String use) {
        if (dextRefs.get() > 0 || !frameworkCreated) {
            return;
        }
        if (!ExecutionContext.current().anyFrame(f -> f.active() && f.subject() == this)) {
            dk.monitor().violate(Rule.ACT_1, use + " of " + label() + " outside the call that delivered it, "
                    + "without a reference of the dext's own (retain it first)", Subject.action(label()), e);
        }
    }

    @Override
    public String toString() {
        return label();
    }
}
