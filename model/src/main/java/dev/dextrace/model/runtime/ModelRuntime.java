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
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile String stopReason;
    private BooleanSupplier workDone = () -> true;
    private BooleanSupplier onQuiescent = () -> false;
    private Runnable onLaneEntry = () -> { };

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
        Thread t = new Thread(lane::run, "dextrace-" + lane.name());
        t.setDaemon(true); // a driver that spins forever must not keep the JVM alive
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
    }

    /**
     * Waits until every lane thread has exited. On timeout the run is stopped, lanes that wait are
     * released, and false is returned: the caller reports the driver as hung.
     */
    public boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> mine;
        synchronized (threads) {
            mine = List.copyOf(threads);
        }
        for (Thread t : mine) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop("interrupted");
                return false;
            }
            if (t.isAlive()) {
                stop("deadline of " + timeout.toMillis() + " ms passed");
                return false;
            }
        }
        synchronized (threads) {
            return threads.size() == mine.size() || awaitSettled(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** Threads of lanes still running (after a stop: those stuck in driver code that never calls the API). */
    public List<Thread> liveThreads() {
        synchronized (threads) {
            return threads.stream().filter(Thread::isAlive).toList();
        }
    }

    public void stop(String reason) {
        if (!stopped) {
            stopReason = reason;
            stopped = true;
        }
        scheduler.signal();
    }

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
