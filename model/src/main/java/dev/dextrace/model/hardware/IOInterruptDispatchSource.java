package dev.dextrace.model.hardware;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.runtime.AtomicStep;

/**
 * DriverKit's {@code IOInterruptDispatchSource}: delivers the hardware's interrupts as blocks on the
 * queue the dext chose. Simplified: the handler is a plain callback instead of an
 * {@code InterruptOccurred} OSAction, since the protocol rules are about the completion actions.
 */
public final class IOInterruptDispatchSource {
    private final IODispatchQueue queue;
    private volatile Runnable handler;
    private volatile boolean enabled;
    private final java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();

    private IOInterruptDispatchSource(IODispatchQueue queue) {
        this.queue = queue;
    }

    /** {@code IOInterruptDispatchSource::Create(provider, index, queue, &source)}. */
    public static IOInterruptDispatchSource Create(HostBusAdapter provider, int index, IODispatchQueue queue) {
        if (provider == null) {
            throw new IllegalArgumentException("provider must not be null");
        }
        if (queue == null) {
            throw new IllegalArgumentException("queue must not be null: interrupts need a queue to run on");
        }
        if (index != 0) {
            throw new IllegalArgumentException("index must be 0: the simulated HBA has one interrupt, was " + index);
        }
        DriverKit.current();
        IOInterruptDispatchSource s = new IOInterruptDispatchSource(queue);
        provider.attach(s);
        return s;
    }

    /** Sets what runs, on the source's queue, for each interrupt (the {@code InterruptOccurred} handler). */
    public void SetHandler(Runnable interruptOccurred) {
        if (interruptOccurred == null) {
            throw new IllegalArgumentException("interruptOccurred must not be null");
        }
        this.handler = interruptOccurred;
    }

    public void SetEnable(boolean enable) {
        this.enabled = enable;
    }

    public IODispatchQueue queue() {
        return queue;
    }

    /**
     * Interrupts coalesce, as a dispatch source's do: while a handler block waits to run, further
     * interrupts add no block; that one handler must drain everything that finished.
     */
    @AtomicStep("queues the handler block; the handler runs later on its queue")
    void fire() {
        Runnable h = handler;
        if (enabled && h != null && pending.compareAndSet(false, true)) {
            queue.dispatchAsync("InterruptOccurred", null, () -> {
                pending.set(false);
                h.run();
            });
        }
    }
}
