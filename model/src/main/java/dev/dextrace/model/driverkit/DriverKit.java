package dev.dextrace.model.driverkit;

import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.ProtocolMonitor;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.DeadlockDetected;
import dev.dextrace.model.runtime.ModelRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Map<Thread, WaitTarget> waitingFor = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final dev.dextrace.model.driverkit.PlainState plainState = new dev.dextrace.model.driverkit.PlainState();

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
    public dev.dextrace.model.driverkit.PlainState plainState() {
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

    @AtomicStep("a map lookup")
    public IODispatchQueue queue(String name) {
        return queues.get(name);
    }

    public List<OSAction> actions() {
        return new ArrayList<>(actions);
    }

    @AtomicStep("one protocol event")
    public ProtocolEvent event(Payload payload) {
        return monitor.record(payload);
    }

    /** An event and its effect as one step with respect to other steps on {@code guard} (see ProtocolMonitor). */
    @AtomicStep("one protocol event and its effect under the guard")
    public <T> T eventAndApply(Object guard, Payload payload, java.util.function.Function<ProtocolEvent, T> effect) {
        return monitor.recordAndApply(guard, payload, effect);
    }

    /**
     * Registers that the calling thread waits for {@code target} (a queue or an IOLock), then follows
     * the wait-for chain (thread waits for target, target held by thread, ...). A chain back to the
     * caller is a cycle of waits: Q-4 at the moment it closes, naming the cycle, and the caller's wait
     * is abandoned with {@link DeadlockDetected}.
     */
    @AtomicStep("wait-for bookkeeping; at most one event")
    void beginWait(WaitTarget target, String what) {
        Thread me = Thread.currentThread();
        waitingFor.put(me, target);
        StringBuilder cycle = new StringBuilder(ctxName(me)).append(" waits for ").append(target.name());
        List<WaitTarget> chain = new ArrayList<>();
        List<Thread> holders = new ArrayList<>();
        WaitTarget next = target;
        for (int hops = 0; next != null && hops < 64; hops++) {
            Thread holder = next.owner();
            if (holder == null) {
                return;
            }
            chain.add(next);
            holders.add(holder);
            cycle.append(", held by ").append(holder == me ? "itself" : who(holder));
            if (holder == me) {
                if (!stillStands(chain, holders)) {
                    return; // the walk read a link that has moved on since (a lock let go before its holder waited): no cycle
                }
                waitingFor.remove(me);
                ProtocolEvent e = event(new Payload.Deadlock(cycle.toString()));
                monitor.violate(Rule.Q_4, "cycle of waits (" + what + "): " + cycle, e);
                throw new DeadlockDetected(cycle.toString());
            }
            next = waitingFor.get(holder);
            if (next != null) {
                cycle.append(", which waits for ").append(next.name());
            }
        }
    }

    /**
     * Whether every link of a chain of waits read one by one still stands: each target held by the
     * thread read, each holder still waiting for the next target. Free-running threads change the
     * links while they are walked, so a lock released just before its holder started to wait could
     * close a cycle that never existed at any one moment; a real deadlock's links no longer move.
     */
    private boolean stillStands(List<WaitTarget> chain, List<Thread> holders) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).owner() != holders.get(i)
                    || (i + 1 < chain.size() && waitingFor.get(holders.get(i)) != chain.get(i + 1))) {
                return false;
            }
        }
        return true;
    }

    @AtomicStep("wait-for bookkeeping")
    void endWait() {
        waitingFor.remove(Thread.currentThread());
    }

    /** Whether some serial block of the dext is running now. */
    public boolean busy() {
        return queues.values().stream().anyMatch(q -> q.runningBlock() != null);
    }

    /**
     * Where every running block is, for HANG-1: "Process(0,1,2) on Default (thread dextrace-Default) at
     * SpinningProcess.java:40", or "... waits for lock#3 held by dextrace-Default". Call it while the
     * threads are still where they got stuck.
     */
    public String stuckReport() {
        List<String> parts = new ArrayList<>();
        for (IODispatchQueue q : queues.values()) {
            String block = q.runningBlock();
            Thread t = q.owner();
            if (block == null) {
                continue;
            }
            StringBuilder sb = new StringBuilder(block).append(" on ").append(q.name());
            if (t != null) {
                sb.append(" (thread ").append(t.getName()).append(')');
                WaitTarget w = waitingFor.get(t);
                if (w != null) {
                    Thread holder = w.owner();
                    sb.append(" waits for ").append(w.name()).append(holder == null ? "" : " held by " + holder.getName());
                } else {
                    String at = DriverFrames.top(t.getStackTrace());
                    if (!at.equals(DriverFrames.NONE)) { // none: an engine took the thread back (Lincheck after a hang)
                        sb.append(" at ").append(at);
                    }
                }
            }
            parts.add(sb.toString());
        }
        return parts.isEmpty() ? "no block of the dext is running" : String.join("; ", parts);
    }

    /** The queue whose running block does not wait for anything: the one that spins, if one does. */
    public Optional<IODispatchQueue> spinningQueue() {
        for (IODispatchQueue q : queues.values()) {
            Thread t = q.owner();
            if (q.runningBlock() != null && t != null && !waitingFor.containsKey(t)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    private static String ctxName(Thread t) {
        dev.dextrace.model.runtime.ExecutionContext ctx = dev.dextrace.model.runtime.ExecutionContext.current();
        return (ctx.queue() != null ? ctx.queue() : ctx.lane()) + " (thread " + t.getName() + ")";
    }

    /** "InterruptQueue (thread dextrace-InterruptQueue)": the queue whose block a thread runs, and the thread. */
    private String who(Thread t) {
        return queues.values().stream().filter(q -> q.owner() == t).map(q -> q.name() + " (thread " + t.getName() + ")")
                .findFirst().orElse(t.getName());
    }
}
