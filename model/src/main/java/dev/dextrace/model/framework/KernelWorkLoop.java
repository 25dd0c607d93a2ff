package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.Frame;
import dev.dextrace.model.runtime.Mailbox;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** The kernel thread that issues commands, processes deferred completions and fires timeouts. Serial. */
final class KernelWorkLoop implements Mailbox {
    static final String NAME = "kernel";

    private record Item(String label, Runnable body) {
    }

    private final ConcurrentLinkedQueue<Item> items = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final DriverKit dk;
    private final java.util.function.BooleanSupplier timeoutDue;
    private final Runnable fireDue;

    /**
     * @param timeoutDue whether a command's real-time timeout has passed
     * @param fireDue    posts the due timeouts as items
     */
    KernelWorkLoop(DriverKit dk, java.util.function.BooleanSupplier timeoutDue, Runnable fireDue) {
        this.dk = dk;
        this.timeoutDue = timeoutDue;
        this.fireDue = fireDue;
        dk.runtime().register(this);
    }

    @AtomicStep("queues an item and signals the scheduler")
    void post(String label, Runnable body) {
        items.add(new Item(label, body));
        dk.runtime().scheduler().signal();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @AtomicStep("reads the queue and the timer, runs nothing")
    public boolean hasRunnable() {
        return !busy.get() && (!items.isEmpty() || timeoutDue.getAsBoolean());
    }

    @Override
    public boolean tryRunOne() {
        if (items.isEmpty() && timeoutDue.getAsBoolean()) {
            fireDue.run();
        }
        if (items.isEmpty() || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            Item it = items.poll();
            if (it == null) {
                return false;
            }
            ExecutionContext ctx = ExecutionContext.current();
            Frame f = ctx.pushOutsideQueues(NAME, it.label());
            try {
                it.body().run();
            } finally {
                ctx.pop(f);
            }
            return true;
        } finally {
            busy.set(false);
        }
    }

    @Override
    @AtomicStep("reads the queue, runs nothing")
    public boolean isQuiet() {
        return items.isEmpty() && !busy.get();
    }
}
