package dev.dextrace.model.hardware;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.Mailbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated HBA. The dext starts a command with a tag of its choosing; after the latency the
 * HBA puts an {@link HbaCompletion} on its completion ring and raises its interrupt. With zero
 * latency the interrupt fires inside {@link #start}, before the dext's submitting call returns,
 * which is how TEST UNIT READY behaved in the seed (attempt 2).
 */
public class HostBusAdapter implements Mailbox {
    public static final int GOOD = 0x00;

    private record Pending(long dueNanos, long order, HbaCompletion completion) {
    }

    private final DriverKit dk;
    private final long latencyNanos;
    private final ConcurrentLinkedQueue<HbaCompletion> ring = new ConcurrentLinkedQueue<>();
    private final PriorityBlockingQueue<Pending> inFlight = new PriorityBlockingQueue<>(16,
            (a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final AtomicLong order = new AtomicLong();
    private final Map<Integer, Long> lastFinishedSeq = new ConcurrentHashMap<>();
    private volatile IOInterruptDispatchSource source;
    // Held mode (scripts): commands finish only when released; a release before the start is kept.
    private volatile boolean holding;
    private final Map<Integer, HbaCompletion> held = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Integer> released = new ConcurrentLinkedQueue<>();

    /**
     * @param latencyNanos time from start to interrupt; 0 means the interrupt fires inside start()
     * @throws IllegalArgumentException if latencyNanos is negative
     */
    public HostBusAdapter(DriverKit dk, long latencyNanos) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0 (0 = completes before start returns), was " + latencyNanos);
        }
        this.dk = dk;
        this.latencyNanos = latencyNanos;
        dk.runtime().register(this);
    }

    @Override
    public String name() {
        return "hardware";
    }

    public long latencyNanos() {
        return latencyNanos;
    }

    void attach(IOInterruptDispatchSource s) {
        this.source = s;
    }

    /** The dext posts a command (e.g. {@code PostSCSIRequest}). */
    @AtomicStep("the hardware takes a command: one event, finishing it at most queues an interrupt block")
    public void start(int tag, long requestedBytes) {
        dk.event(EventKind.HW_START, tag, 0, null, "HW start tag " + tag);
        HbaCompletion done = new HbaCompletion(tag, GOOD, requestedBytes);
        if (holding && !released.remove((Integer) tag)) {
            held.put(tag, done);
        } else if (latencyNanos == 0) {
            finish(done);
        } else {
            inFlight.add(new Pending(System.nanoTime() + latencyNanos, order.incrementAndGet(), done));
            dk.runtime().scheduler().signal();
        }
    }

    /** From now on commands finish only when a script {@link #release}s them. */
    public void holdCompletions() {
        holding = true;
    }

    /** Lets held commands finish now (raising the interrupt); a tag not started yet finishes as soon as it starts. */
    @AtomicStep("finishing held commands: events and queued interrupt blocks only")
    public void release(int... tags) {
        for (int tag : tags) {
            HbaCompletion done = held.remove(tag);
            if (done != null) {
                finish(done);
            } else {
                released.add(tag);
            }
        }
    }

    /** The next finished command on the completion ring, or null (the ISR reads until empty). */
    @AtomicStep("one ring read: one event")
    public HbaCompletion pollCompletion() {
        return dk.eventAndApply(ring, EventKind.RING_READ, -1, 0, null, "read completion ring", e -> ring.poll());
    }

    /** Whether a command with this tag finished after event {@code sinceSeq} (for lost-completion checks). */
    public boolean finishedSince(int tag, long sinceSeq) {
        Long at = lastFinishedSeq.get(tag);
        return at != null && at > sinceSeq;
    }

    protected void finish(HbaCompletion done) {
        dk.eventAndApply(ring, EventKind.INTERRUPT, done.tag(), 0, null, "interrupt: tag " + done.tag() + " done", e -> {
            ring.add(done);
            lastFinishedSeq.put(done.tag(), e.seq());
            return null;
        });
        IOInterruptDispatchSource s = source;
        if (s != null) {
            s.fire();
        }
    }

    @Override
    @AtomicStep("reads the in-flight queue")
    public boolean hasRunnable() {
        Pending p = inFlight.peek();
        return p != null && p.dueNanos <= System.nanoTime();
    }

    @Override
    @AtomicStep("finishes one command: one event, then at most queues an interrupt block")
    public boolean tryRunOne() {
        Pending p = inFlight.peek();
        if (p == null || p.dueNanos > System.nanoTime() || !inFlight.remove(p)) {
            return false;
        }
        finish(p.completion);
        return true;
    }

    @Override
    @AtomicStep("reads the in-flight queue")
    public boolean isQuiet() {
        return inFlight.isEmpty();
    }
}
