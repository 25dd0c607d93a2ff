package dev.dextrace.model.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The threads of one run: which mailbox each lane pumps, who decides when a thread may proceed, and
 * when the run has settled. Mailboxes register themselves; lanes are made on demand by
 * {@link #laneOf}.
 */
public final class ModelRuntime {
    /** One lane per mailbox, as DriverKit gives each queue its own thread. */
    public static final Function<String, String> ONE_LANE_PER_MAILBOX = Function.identity();

    private final Scheduler scheduler;
    private final Function<String, String> laneOf;
    private final boolean ownThreads;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final List<Mailbox> mailboxes = new CopyOnWriteArrayList<>();
    private final List<LaneRun> threads = new ArrayList<>();
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile String stopReason;
    private final java.util.concurrent.atomic.AtomicBoolean hung = new java.util.concurrent.atomic.AtomicBoolean();
    private BooleanSupplier workDone = () -> true;
    private BooleanSupplier onQuiescent = () -> false;
    private Runnable onLaneEntry = () -> { };
    private java.util.function.Consumer<String> onHang = why -> { };

    /**
     * @param laneOf maps a mailbox name to the lane that pumps it
     * @param ownThreads true: {@link #start()} starts a thread per lane; false: the caller runs each
     *                   {@link Lane#run()} on a thread of its own (jcstress actors, Lincheck threads)
     */
    public ModelRuntime(Scheduler scheduler, Function<String, String> laneOf, boolean ownThreads) {
        this.scheduler = scheduler;
        this.laneOf = laneOf;
        this.ownThreads = ownThreads;
        scheduler.attach(this);
    }

    @AtomicStep("reads a final field")
    public Scheduler scheduler() {
        return scheduler;
    }

    /** What besides empty mailboxes makes the run settled (the kernel has nothing outstanding). */
    public void settleWhen(BooleanSupplier workDone) {
        this.workDone = workDone;
    }

    /** Called when nothing can run but the run has not settled (the kernel fires its timeouts); true if it made work. */
    public void whenQuiescent(BooleanSupplier action) {
        this.onQuiescent = action;
    }

    /** Runs on every lane's thread before it pumps (binds per-world thread state). */
    public void onLaneEntry(Runnable hook) {
        this.onLaneEntry = hook;
    }

    /** Called once by {@link #hang} while the stuck threads are still where they got stuck (files HANG-1). */
    public void onHang(java.util.function.Consumer<String> hook) {
        this.onHang = hook;
    }

    /**
     * Ends a run that cannot go on by itself (a block spins, every lane waits): the hook reports it
     * first, then the run stops and the lanes that wait or poll unwind. Only the first stop reports.
     */
    public void hang(String why) {
        // not synchronized: the controlled scheduler calls this under its lock, other callers take that lock in stop()
        if (!stopped && hung.compareAndSet(false, true)) {
            onHang.accept(why);
            stop(why);
        }
    }

    /** Throws {@link RunAbandoned} into the calling thread if the run has stopped (a spin that polls). */
    public void abandonIfStopped() {
        if (stopped) {
            throw new RunAbandoned("run stopped: " + stopReason);
        }
    }

    @AtomicStep("lane bookkeeping of the calling thread")
    void enterLane() {
        onLaneEntry.run();
    }

    public void register(Mailbox m) {
        Lane lane;
        boolean fresh;
        synchronized (lanes) {
            String name = laneOf.apply(m.name());
            lane = lanes.get(name);
            fresh = lane == null;
            if (fresh) {
                lane = new Lane(name, this);
                lanes.put(name, lane);
            }
            lane.add(m);
            mailboxes.add(m);
        }
        if (fresh && started && ownThreads) {
            startThread(lane);
            scheduler.laneCreated(lane);
        }
        scheduler.signal();
    }

    /** The lane with this name; the message lists the lanes there are. */
    @AtomicStep("a map lookup")
    public Lane lane(String name) {
        synchronized (lanes) {
            Lane l = lanes.get(name);
            if (l == null) {
                throw new IllegalArgumentException("lane '" + name + "' does not exist; lanes: " + lanes.keySet());
            }
            return l;
        }
    }

    /** Lanes in the order they were made (deterministic: the order mailboxes were registered). */
    public List<Lane> lanes() {
        synchronized (lanes) {
            return List.copyOf(lanes.values());
        }
    }

    public List<Mailbox> mailboxes() {
        return List.copyOf(mailboxes);
    }

    /** Whether {@link #start()} let the lanes go (before it, the world boots on one thread). */
    public boolean started() {
        return started;
    }

    public void start() {
        List<Lane> now = lanes();
        started = true;
        if (ownThreads) {
            now.forEach(this::startThread);
        }
        scheduler.begin(this);
    }

    private void startThread(Lane lane) {
        LaneRun run = new LaneRun(lane);
        synchronized (threads) {
            threads.add(run);
        }
        Carrier.take().give(run);
    }

    /**
     * Waits until every lane thread has exited, checking {@code stuck} every few milliseconds. Returns
     * null when they did, else why not (the deadline passed, {@code stuck} said so, interrupted); the
     * caller then reports the driver as hung and stops the run.
     */
    public String awaitSettled(Duration timeout, java.util.function.Supplier<String> stuck) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<LaneRun> mine;
            synchronized (threads) {
                mine = List.copyOf(threads);
            }
            LaneRun alive = mine.stream().filter(r -> !r.exited()).findFirst().orElse(null);
            if (alive == null) {
                synchronized (threads) {
                    if (threads.size() == mine.size()) {
                        return null;
                    }
                }
                continue; // a lane was made meanwhile
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return "the run did not settle within " + timeout.toMillis() + " ms";
            }
            String why = stuck.get();
            if (why != null) {
                return why;
            }
            try {
                alive.await(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }

    private static final long POLL_MILLIS = 20;

    /** Threads of lanes still running (after a stop: those stuck in driver code that never calls the API). */
    public List<Thread> liveThreads() {
        synchronized (threads) {
            return threads.stream().filter(r -> !r.exited()).map(r -> r.carrier).filter(java.util.Objects::nonNull).toList();
        }
    }

    /** One lane's run on a carrier thread: exited once {@link Lane#run()} has returned. */
    private static final class LaneRun {
        final Lane lane;
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        volatile Thread carrier;

        LaneRun(Lane lane) {
            this.lane = lane;
        }

        boolean exited() {
            return done.getCount() == 0;
        }

        void await(long millis) throws InterruptedException {
            done.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A daemon thread that runs lanes one after another, for run after run: a search runs thousands of short runs,
     * and a thread started for each lane of each one cost more than the lane's work (the start itself, and a fresh
     * allocation buffer per thread that filled the young generation with dead space, so the collector ran every few
     * hundred runs). Idle carriers wait on a stack; when none is idle a new one starts, so a lane stuck in a driver
     * that spins keeps its carrier and never blocks a later run. The per-thread state a lane binds ({@link
     * ExecutionContext}, the world's thread) is bound afresh when the next lane enters ({@link Lane#run()}); the
     * driver's locks and monitors are given up when its block unwinds, as with a thread of its own.
     */
    private static final class Carrier extends Thread {
        private static final String IDLE_NAME = "dextrace-carrier (idle)";
        private static final java.util.ArrayDeque<Carrier> IDLE = new java.util.ArrayDeque<>();
        private LaneRun next;

        private Carrier() {
            super(IDLE_NAME);
            setDaemon(true); // a driver that spins forever must not keep the JVM alive
        }

        static Carrier take() {
            synchronized (IDLE) {
                Carrier c = IDLE.pollFirst();
                if (c != null) {
                    return c;
                }
            }
            Carrier c = new Carrier();
            c.start();
            return c;
        }

        synchronized void give(LaneRun run) {
            next = run;
            notifyAll();
        }

        @Override
        public void run() {
            while (true) {
                LaneRun run;
                synchronized (this) {
                    while (next == null) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // a carrier on the idle stack must stay able to run what it is given
                        }
                    }
                    run = next;
                    next = null;
                }
                run.carrier = this;
                setName("dextrace-" + run.lane.name()); // as a thread of its own was named: reports name it
                try {
                    run.lane.run();
                } catch (RuntimeException | Error e) {
                    getUncaughtExceptionHandler().uncaughtException(this, e); // reported as a dying thread's would be
                } finally {
                    Thread.interrupted(); // an interrupt meant for this lane is not the next one's
                    setName(IDLE_NAME);
                    synchronized (IDLE) {
                        IDLE.push(this); // idle before the run sees its lane exit, so the next run finds it
                    }
                    run.done.countDown();
                }
            }
        }
    }

    public void stop(String reason) {
        if (!stopped) {
            stopReason = reason;
            stopped = true;
        }
        scheduler.signal();
    }

    @AtomicStep("reads a flag")
    public boolean stopped() {
        return stopped;
    }

    public String stopReason() {
        return stopReason;
    }

    boolean allQuiet() {
        for (Mailbox m : mailboxes) {
            if (!m.isQuiet()) {
                return false;
            }
        }
        return true;
    }

    /** No mailbox has work and the kernel has nothing outstanding. */
    public boolean settled() {
        return allQuiet() && workDone.getAsBoolean();
    }

    /** Runs the quiescence action at most once at a time; true if it created work. */
    synchronized boolean quiescent() {
        return !settled() && allQuiet() && onQuiescent.getAsBoolean();
    }

    /**
     * Runs everything runnable on the calling thread until nothing is left: for booting a world and
     * for finishing a sample whose lanes gave up. Not a scheduling mode, so it is not recorded.
     */
    public void drain() {
        boolean progress = true;
        while (progress && !stopped) {
            progress = false;
            for (Mailbox m : mailboxes) {
                while (m.tryRunOne()) {
                    progress = true;
                }
            }
            if (!progress && quiescent()) {
                progress = true;
            }
        }
    }
}
