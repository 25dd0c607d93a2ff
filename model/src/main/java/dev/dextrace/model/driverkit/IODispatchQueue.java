package dev.dextrace.model.driverkit;

import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.DeadlockDetected;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.Frame;
import dev.dextrace.model.runtime.Mailbox;
import dev.dextrace.model.runtime.RunAbandoned;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DriverKit's {@code IODispatchQueue}: serial, FIFO, one block at a time. A queue created with
 * {@link #kIODispatchQueueReentrant} also accepts {@link #DispatchConcurrent}. As in libdispatch,
 * {@link #DispatchSync} runs the block on the calling thread once the queue is free; a thread that
 * would wait for a queue it (transitively) holds has closed a cycle of waits.
 */
public final class IODispatchQueue implements Mailbox, WaitTarget {
    /** Lets blocks run concurrently when dispatched with {@link #DispatchConcurrent} (and lets sleeping blocks give the queue up). */
    public static final long kIODispatchQueueReentrant = 0x1;

    /** Names DriverKit gives meaning to (PROTOCOL.md §5). */
    public static final String DEFAULT = "Default";
    public static final String AUXILIARY = "AuxiliaryQueue";
    public static final String INTERRUPT = "InterruptQueue";
    /** The name of the mailbox of a queue's concurrent blocks is the queue's name and this. */
    public static final String CONCURRENT_SUFFIX = " (concurrent)";

    private record Block(String label, Object subject, Runnable body) {
    }

    private final DriverKit dk;
    private final String name;
    private final boolean reentrant;
    private final ConcurrentLinkedQueue<Block> pending = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile ConcurrentBlocks concurrentBlocks;
    /** The label of the serial block running now (for HANG-1's report), or null. */
    private volatile String runningBlock;

    private IODispatchQueue(DriverKit dk, String name, boolean reentrant) {
        this.dk = dk;
        this.name = name;
        this.reentrant = reentrant;
    }

    /**
     * {@code IODispatchQueue::Create(name, options, priority, &queue)}.
     *
     * @throws IllegalArgumentException for an empty name, unknown option bits, or a name in use
     */
    public static IODispatchQueue Create(String name, long options, long priority) {
        return create(DriverKit.current(), name, options);
    }

    /** Creates a queue in a given world (the framework's Default queue is made this way). */
    public static IODispatchQueue create(DriverKit dk, String name, long options) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty queue name");
        }
        if ((options & ~kIODispatchQueueReentrant) != 0) {
            throw new IllegalArgumentException("options must be 0 or kIODispatchQueueReentrant (0x1), was 0x"
                    + Long.toHexString(options));
        }
        IODispatchQueue q = new IODispatchQueue(dk, name, (options & kIODispatchQueueReentrant) != 0);
        dk.register(q);
        dk.event(new Payload.QueueCreated(name, q.reentrant));
        return q;
    }

    @Override
    public String name() {
        return name;
    }

    public boolean reentrant() {
        return reentrant;
    }

    /** {@code DispatchAsync}: queue the block; it runs after the ones before it. */
    public void DispatchAsync(Runnable block) {
        dispatchAsync("block", null, block);
    }

    /** Queues a named block (the framework uses the method name, e.g. {@code Process(2,5,18)}). */
    @AtomicStep("queues a block; it runs later")
    public void dispatchAsync(String label, Object subject, Runnable block) {
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        pending.add(new Block(label, subject, block));
        dk.runtime().scheduler().signal();
    }

    /**
     * {@code DispatchConcurrent}: meant for reentrant queues. On a serial queue the model still runs
     * the block concurrently, as a misuse would, and Q-2 fires if it overlaps another block.
     */
    public void DispatchConcurrent(Runnable block) {
        if (block == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        ConcurrentBlocks c = concurrentBlocks;
        if (c == null) {
            synchronized (this) {
                if (concurrentBlocks == null) {
                    concurrentBlocks = new ConcurrentBlocks();
                    dk.runtime().register(concurrentBlocks);
                }
                c = concurrentBlocks;
            }
        }
        c.pending.add(new Block("concurrent block", null, block));
        dk.runtime().scheduler().signal();
    }

    /**
     * Blocks dispatched concurrently: a mailbox of their own, so a lane other than the queue's can
     * run them while a serial block of the queue is running, as DriverKit's thread pool would.
     */
    private final class ConcurrentBlocks implements Mailbox {
        final ConcurrentLinkedQueue<Block> pending = new ConcurrentLinkedQueue<>();

        @Override
        public String name() {
            return name + CONCURRENT_SUFFIX;
        }

        @Override
        public boolean hasRunnable() {
            return !pending.isEmpty();
        }

        @Override
        public boolean tryRunOne() {
            Block b = pending.poll();
            if (b == null) {
                return false;
            }
            execute(b);
            return true;
        }

        @Override
        public boolean isQuiet() {
            return pending.isEmpty();
        }
    }

    /** {@code DispatchSync}: runs the block on this thread once the queue is free. */
    public void DispatchSync(Runnable block) {
        runSync("block", null, block);
    }

    /** Runs a named block synchronously on this queue (also used for the kernel's two-way calls). */
    public void runSync(String label, Object subject, Runnable body) {
        if (body == null) {
            throw new IllegalArgumentException("block must not be null");
        }
        Thread me = Thread.currentThread();
        dk.event(new Payload.SyncTo(name, label)); // a switch point before taking the queue
        if (!owner.compareAndSet(null, me)) {
            dk.event(new Payload.WaitFor(name, label));
            dk.beginWait(this, label);
            try {
                while (!owner.compareAndSet(null, me)) {
                    dk.runtime().scheduler().await(() -> owner.get() == null, "queue " + name);
                }
            } finally {
                dk.endWait();
            }
        }
        try {
            executeSerial(new Block(label, subject, body));
        } finally {
            release();
        }
    }

    /** {@code OnQueue()}: whether the calling thread is running a block of this queue. */
    @AtomicStep("reads the queue's owner")
    public boolean OnQueue() {
        return name.equals(ExecutionContext.current().queue()) || owner.get() == Thread.currentThread();
    }

    /** The thread running a serial block of this queue now (or waiting in DispatchSync on it), or null. */
    @Override
    public Thread owner() {
        return owner.get();
    }

    /** The serial block running now, or null. */
    String runningBlock() {
        return runningBlock;
    }

    @Override
    @AtomicStep("reads the queue's state")
    public boolean hasRunnable() {
        return !pending.isEmpty() && owner.get() == null;
    }

    @Override
    public boolean tryRunOne() {
        if (pending.isEmpty() || !owner.compareAndSet(null, Thread.currentThread())) {
            return false;
        }
        try {
            Block b = pending.poll();
            if (b == null) {
                return false;
            }
            executeSerial(b);
            return true;
        } finally {
            release();
        }
    }

    private void release() {
        owner.set(null);
        dk.runtime().scheduler().signal();
    }

    @Override
    @AtomicStep("reads the queue's state")
    public boolean isQuiet() {
        return pending.isEmpty() && owner.get() == null && running.get() == 0;
    }

    private void executeSerial(Block b) {
        String outer = runningBlock;
        runningBlock = b.label();
        try {
            execute(b);
        } finally {
            runningBlock = outer;
        }
    }

    /**
     * Runs one block: marks it on the thread's stack, checks Q-2, and turns driver failures into
     * findings. A block abandoned by a deadlock or an exception gives up the IOLocks it took, as the
     * model's stand-in for the crash it would be on a Mac, so the rest of the run can still be judged.
     */
    private void execute(Block b) {
        ExecutionContext ctx = ExecutionContext.current();
        Frame frame = ctx.push(name, b.label(), b.subject());
        int locksBefore = IOLock.heldCountOfThisThread();
        boolean begun = false;
        try {
            // the start (and end) of a block and the count of running blocks change in one step
            dk.eventAndApply(running, new Payload.BlockBegin(b.label()), begin -> {
                if (running.incrementAndGet() > 1 && !reentrant) {
                    dk.monitor().violate(Rule.Q_2, "a block of serial queue " + name + " (" + b.label()
                            + ") started while another block of it was running", begin);
                }
                return null;
            });
            begun = true;
            b.body().run();
        } catch (DeadlockDetected d) {
            IOLock.abandonHeldAbove(locksBefore); // Q-4 was filed when the cycle closed
        } catch (RunAbandoned stop) {
            IOLock.abandonHeldAbove(locksBefore);
            throw stop;
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            IOLock.abandonHeldAbove(locksBefore);
            dk.monitor().fault(Rule.EXC_1, b.label() + " on " + name + " threw " + DriverFrames.describe(e),
                    name, Thread.currentThread().getName());
        } catch (Throwable engine) { // an engine ends the thread (Lincheck aborting an interleaving): not the driver's doing
            IOLock.abandonHeldAbove(locksBefore);
            throw engine;
        } finally {
            if (begun) {
                dk.eventAndApply(running, new Payload.BlockEnd(b.label()), end -> running.decrementAndGet());
            }
            ctx.pop(frame);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
