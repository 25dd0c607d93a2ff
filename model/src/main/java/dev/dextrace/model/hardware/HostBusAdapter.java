package dev.dextrace.model.hardware;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.monitor.Payload;
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
    public static final int GOOD = HbaCompletion.GOOD;

    private record Pending(long dueNanos, long order, HbaCompletion completion) {
    }

    private final DriverKit dk;
    private final long latencyNanos;
    private final ConcurrentLinkedQueue<HbaCompletion> ring = new ConcurrentLinkedQueue<>();
    private final PriorityBlockingQueue<Pending> inFlight = new PriorityBlockingQueue<>(16,
            (a, b) -> a.dueNanos != b.dueNanos ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final AtomicLong order = new AtomicLong();
    private final AtomicLong lastFinishedSeq = new AtomicLong(-1);
    private volatile IOInterruptDispatchSource source;
    // Held mode (scripts): commands finish only when released; a release before the start is kept.
    private volatile boolean holding;
    private final Map<Integer, HbaCompletion> held = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Integer> released = new ConcurrentLinkedQueue<>();
    // Faults: the n-th command started meets the chooser's pick from space.options(n); lost ones wait for the kernel's timeout.
    private volatile FaultSpace space = FaultSpace.NONE;
    private volatile FaultChooser chooser = FaultChooser.first();
    private int started; // guarded by lost: advanced only inside the HW_START event, in event order
    private final java.util.List<HbaFault> met = new java.util.concurrent.CopyOnWriteArrayList<>(); // in start order
    // The tag is the dext's own ID, opaque to the kernel: lost commands wait in the order they started.
    private final ConcurrentLinkedQueue<HbaCompletion> lost = new ConcurrentLinkedQueue<>();

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
        HbaFault fault = dk.eventAndApply(lost, new Payload.HardwareStart(tag), e -> {
            java.util.List<HbaFault> options = space.options(started);
            HbaFault f = chooser.choose(started++, options);
            if (!options.contains(f)) {
                throw new IllegalStateException("the fault chooser picked " + f + " for start " + started + "; its options: " + options);
            }
            met.add(f);
            return f;
        });
        HbaCompletion done = fault.completion(tag, requestedBytes);
        if (fault == HbaFault.LOST_INTERRUPT) {
            lost.add(done);
        } else if (holding && !released.remove((Integer) tag)) {
            held.put(tag, done);
        } else if (latencyNanos == 0) {
            finish(done);
        } else {
            inFlight.add(new Pending(System.nanoTime() + latencyNanos, order.incrementAndGet(), done));
            dk.runtime().scheduler().signal();
        }
    }

    /**
     * The plan of faults (before the run starts): the n-th command the dext starts finishes as
     * {@code plan[n]}, every later one GOOD.
     */
    public void failInOrder(HbaFault... faults) {
        mayFail(FaultSpace.plan(faults));
    }

    /** The faults the commands may meet (before the run starts); the run's {@link FaultChooser} picks one per start. */
    public void mayFail(FaultSpace faults) {
        if (faults == null) {
            throw new IllegalArgumentException("faults must not be null (FaultSpace.NONE: every command GOOD)");
        }
        this.space = faults;
    }

    /** Who picks each start's fault from the space (the world sets it before anything starts). */
    public void chooseFaultsWith(FaultChooser c) {
        if (c == null) {
            throw new IllegalArgumentException("fault chooser must not be null (FaultChooser.first(): each start's first option)");
        }
        this.chooser = c;
    }

    public FaultSpace faultSpace() {
        return space;
    }

    /** The fault each command met so far, in the order the dext started them: what a replay file records. */
    public java.util.List<HbaFault> faultsMet() {
        return java.util.List.copyOf(met);
    }

    /**
     * The kernel timed a command out: the oldest command whose interrupt was lost is answered now, late
     * (PROTOCOL.md §6: a completion after the timeout is logged and dropped by the kernel). The kernel
     * cannot name the command by its tag (the tag is the dext's choice), so the lost ones turn up in the
     * order they started, one per timeout [decision].
     */
    @AtomicStep("finishing a lost command: one event, then at most queues an interrupt block")
    public void kernelTimedOut() {
        HbaCompletion late = lost.poll();
        if (late != null) {
            finish(late);
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
        return dk.eventAndApply(ring, new Payload.RingRead(), e -> ring.poll());
    }

    /**
     * Whether the hardware finished a command after event {@code sinceSeq} and has nothing left to answer
     * (none in flight, held or lost): then a command issued at {@code sinceSeq} that the dext still holds
     * was lost by the dext, not by the hardware. Tag-free on purpose: the tag is the dext's own ID.
     */
    public boolean finishedAllSince(long sinceSeq) {
        return lastFinishedSeq.get() > sinceSeq && inFlight.isEmpty() && held.isEmpty() && lost.isEmpty();
    }

    protected void finish(HbaCompletion done) {
        dk.eventAndApply(ring, new Payload.Interrupt(done.tag(), done.describe()), e -> {
            ring.add(done);
            lastFinishedSeq.accumulateAndGet(e.seq(), Math::max);
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
