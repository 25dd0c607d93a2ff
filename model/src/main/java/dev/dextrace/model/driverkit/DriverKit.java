package dev.dextrace.model.driverkit;

import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.ProtocolMonitor;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.runtime.DeadlockDetected;
import dev.dextrace.model.runtime.ModelRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DriverKit runtime of one world: its queues, actions and the wait-for graph between threads
 * and queues (for Q-4). DriverKit calls such as {@link IODispatchQueue#Create} find it through the
 * calling thread, which is bound to one world at a time.
 */
public final class DriverKit {
    private static final ThreadLocal<DriverKit> CURRENT = new ThreadLocal<>();

    private final ProtocolMonitor monitor;
    private final ModelRuntime runtime;
    private final Map<String, IODispatchQueue> queues = new ConcurrentHashMap<>();
    private final List<OSAction> actions = new CopyOnWriteArrayList<>();
    private final Map<Thread, IODispatchQueue> waitingFor = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final dev.dextrace.model.ivars.PlainState plainState = new dev.dextrace.model.ivars.PlainState();

    public DriverKit(ProtocolMonitor monitor, ModelRuntime runtime) {
        this.monitor = monitor;
        this.runtime = runtime;
    }

    /** The world the calling thread works in; the message says how to fix a thread outside any world. */
    public static DriverKit current() {
        DriverKit dk = CURRENT.get();
        if (dk == null) {
            throw new IllegalStateException("this thread is not bound to a dextrace world: call DriverKit calls "
                    + "from driver methods, or wrap test code in world.onThisThread(...)");
        }
        return dk;
    }

    /** The world the calling thread works in, or null: the cheap test observed driver state needs. */
    public static DriverKit bound() {
        return CURRENT.get();
    }

    /** Q-3 bookkeeping of the dext's plain state (fields, arrays, collections) in this world. */
    public dev.dextrace.model.ivars.PlainState plainState() {
        return plainState;
    }

    /** Binds the calling thread to this world. */
    public void bindThisThread() {
        CURRENT.set(this);
    }

    public ProtocolMonitor monitor() {
        return monitor;
    }

    public ModelRuntime runtime() {
        return runtime;
    }

    int nextId() {
        return ids.incrementAndGet();
    }

    void register(IODispatchQueue q) {
        if (queues.putIfAbsent(q.name(), q) != null) {
            throw new IllegalArgumentException("queue name '" + q.name() + "' is already used in this world");
        }
        runtime.register(q);
    }

    void register(OSAction a) {
        actions.add(a);
    }

    public IODispatchQueue queue(String name) {
        return queues.get(name);
    }

    public List<OSAction> actions() {
        return new ArrayList<>(actions);
    }

    public ProtocolEvent event(EventKind kind, int slot, int generation, String action, String text) {
        return monitor.record(kind, slot, generation, action, text);
    }

    /** An event and its effect as one step with respect to other steps on {@code guard} (see ProtocolMonitor). */
    public <T> T eventAndApply(Object guard, EventKind kind, int slot, int generation, String action, String text,
                               java.util.function.Function<ProtocolEvent, T> effect) {
        return monitor.recordAndApply(guard, kind, slot, generation, action, text, effect);
    }

    /**
     * Registers that the calling thread waits for {@code q}, then follows the wait-for chain
     * (thread waits for queue, queue held by thread, ...). A chain back to the caller is a cycle of
     * synchronous waits: Q-4, and the caller's wait is abandoned with {@link DeadlockDetected}.
     */
    void beginWait(IODispatchQueue q, String what) {
        Thread me = Thread.currentThread();
        waitingFor.put(me, q);
        StringBuilder cycle = new StringBuilder(ctxName(me)).append(" waits for ").append(q.name());
        IODispatchQueue next = q;
        for (int hops = 0; next != null && hops < 64; hops++) {
            Thread holder = next.owner();
            if (holder == null) {
                return;
            }
            cycle.append(", held by ").append(holder == me ? "itself" : holder.getName());
            if (holder == me) {
                waitingFor.remove(me);
                ProtocolEvent e = event(EventKind.WAIT, -1, 0, null, "deadlock: " + cycle);
                monitor.violate(Rule.Q_4, "cycle of synchronous waits (" + what + "): " + cycle, -1, 0, null, e);
                throw new DeadlockDetected(cycle.toString());
            }
            next = waitingFor.get(holder);
            if (next != null) {
                cycle.append(", which waits for ").append(next.name());
            }
        }
    }

    void endWait() {
        waitingFor.remove(Thread.currentThread());
    }

    private static String ctxName(Thread t) {
        return dev.dextrace.model.runtime.ExecutionContext.current().lane() + " (" + t.getName() + ")";
    }
}
