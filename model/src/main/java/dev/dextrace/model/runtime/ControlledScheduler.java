package dev.dextrace.model.runtime;

import dev.dextrace.model.monitor.ProtocolEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The same threads as a free run, but only one proceeds at a time and a switch may happen at every
 * protocol event. The {@link Strategy} picks who goes next; {@link #decisions()} records the picks.
 * Threads that are not lanes (the one that boots the world) are never stopped.
 */
public final class ControlledScheduler implements Scheduler {
    private enum State { READY, RUNNING, IDLE, BLOCKED, EXITED }

    private final class Rec {
        final Lane lane;
        /** The lane's place in lane creation order ({@link ModelRuntime#lanes()}), which never changes: lanes are only appended. */
        final int order;
        /** This lane's turn came (or the run stopped): only the chosen thread wakes, not every lane at every switch point. */
        final Condition turn = lock.newCondition();
        State state = State.READY;
        BooleanSupplier blockedOn;

        Rec(Lane lane, int order) {
            this.lane = lane;
            this.order = order;
        }
    }

    private final Strategy strategy;
    private final Supplier<ProtocolEvent> lastEvent;
    private final ReentrantLock lock = new ReentrantLock();
    /** Lanes registered or exited, the run stopped: what {@link #begin} and {@link #laneCreated} wait for. */
    private final Condition changed = lock.newCondition();
    private final Map<Thread, Rec> recs = new HashMap<>();
    /** The same records in lane creation order: the order eligible lanes are offered in. */
    private final List<Rec> ordered = new ArrayList<>();
    /**
     * The eligible lanes' names for each set of eligible records (bit i: {@code ordered.get(i)}): a decision is made at
     * every protocol event, and a run has a handful of lanes, so the few lists there are are made once.
     */
    private final Map<Integer, List<String>> namesOf = new HashMap<>();
    private final List<Rec> eligible = new ArrayList<>();
    private final List<String> decisions = new ArrayList<>();
    private ModelRuntime runtime;
    private Thread running;
    private String previous;
    private boolean begun;
    private long eventsAtStart = -1;
    /** Written under the lock; read without it by a strategy at every decision. */
    private volatile long signals;

    /**
     * @param lastEvent the run's newest event (the monitor's), shown to the strategy
     */
    public ControlledScheduler(Strategy strategy, Supplier<ProtocolEvent> lastEvent) {
        this.strategy = strategy;
        this.lastEvent = lastEvent;
    }

    /** The lane picked at each decision, in order. */
    public List<String> decisions() {
        lock.lock();
        try {
            return List.copyOf(decisions);
        } finally {
            lock.unlock();
        }
    }

    /** How many decisions the run took so far: what the stall check counts while a block runs. */
    public int decisionCount() {
        lock.lock();
        try {
            return decisions.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many times the run signalled a change others may wait for (a block posted to a mailbox, a lane
     * registered, a stop). A search compares it across a step to tell whether the step may have posted
     * work, which records no event.
     */
    public long signals() {
        return signals;
    }

    @Override
    public void switchPoint() {
        lock.lock();
        try {
            Rec me = recs.get(Thread.currentThread()); // one lock per switch point: the thread's record is looked up under it
            if (me == null) {
                return;
            }
            abandonIfStopped();
            me.state = State.READY;
            handOff();
            waitTurn(me);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void await(BooleanSupplier ready, String what) {
        lock.lock();
        try {
            Rec me = recs.get(Thread.currentThread());
            if (me == null) {
                if (!ready.getAsBoolean()) {
                    throw new IllegalStateException("a thread outside the run waits for " + what + " that nobody can release");
                }
                return;
            }
            while (!ready.getAsBoolean()) {
                me.state = State.BLOCKED;
                me.blockedOn = ready;
                handOff();
                waitTurn(me);
            }
            me.blockedOn = null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean idle(Lane lane) {
        lock.lock();
        try {
            Rec me = recs.get(Thread.currentThread());
            me.state = State.IDLE;
            handOff();
            while (running != Thread.currentThread() && !runtime.stopped()) {
                me.turn.awaitUninterruptibly();
            }
            if (running != Thread.currentThread()) {
                return false;
            }
            me.state = State.RUNNING;
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean oneLaneAtATime() {
        return true;
    }

    @Override
    public void signal() {
        lock.lock();
        try {
            signals++;
            changed.signalAll();
            if (runtime != null && runtime.stopped()) {
                wakeAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void laneStarted(Lane lane) {
        lock.lock();
        try {
            Rec me = new Rec(lane, runtime.lanes().indexOf(lane));
            recs.put(Thread.currentThread(), me);
            int at = 0;
            while (at < ordered.size() && ordered.get(at).order < me.order) {
                at++;
            }
            ordered.add(at, me);
            namesOf.clear(); // the bits stand for other records now
            changed.signalAll();
            if (begun && running == null) {
                handOff();
            }
            waitTurn(me);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void laneExited(Lane lane) {
        lock.lock();
        try {
            Rec me = recs.get(Thread.currentThread());
            if (me != null) {
                me.state = State.EXITED;
            }
            if (running == Thread.currentThread() || running == null) {
                running = null;
                if (!runtime.stopped()) {
                    handOff();
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void laneCreated(Lane lane) {
        lock.lock();
        try {
            while (!registered(lane)) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void attach(ModelRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void begin(ModelRuntime runtime) {
        lock.lock();
        try {
            int expected = runtime.lanes().size();
            while (recs.size() < expected) {
                changed.awaitUninterruptibly();
            }
            begun = true;
            ProtocolEvent e = lastEvent.get();
            eventsAtStart = e == null ? 0 : e.seq() + 1;
            handOff();
        } finally {
            lock.unlock();
        }
    }

    private boolean registered(Lane lane) {
        for (Rec r : ordered) {
            if (r.lane == lane) {
                return true;
            }
        }
        return false;
    }

    private void abandonIfStopped() {
        if (runtime != null && runtime.stopped()) {
            throw new RunAbandoned("run stopped: " + runtime.stopReason());
        }
    }

    private void waitTurn(Rec me) {
        while (running != Thread.currentThread()) {
            abandonIfStopped();
            me.turn.awaitUninterruptibly();
        }
        me.state = State.RUNNING;
    }

    /** Picks the next lane; with none eligible, lets the kernel act on quiescence, else ends the run. */
    private void handOff() {
        int mask = eligible();
        if (mask == 0 && runtime.quiescent()) {
            mask = eligible();
        }
        if (mask == 0) {
            boolean blocked = false;
            for (Rec r : ordered) {
                blocked |= r.state == State.BLOCKED;
            }
            running = null;
            if (blocked) {
                // no lane can proceed and the kernel has nothing to fire: the dext waits forever (HANG-1)
                runtime.hang("every lane waits for something no lane will do");
            } else {
                runtime.stop("settled");
            }
            wakeAll();
            return;
        }
        List<String> names = ordered.size() < Integer.SIZE ? namesOf.computeIfAbsent(mask, m -> names()) : names();
        ProtocolEvent e = lastEvent.get();
        long since = e == null ? 0 : Math.max(0, e.seq() + 1 - eventsAtStart);
        String pick = strategy.choose(new Strategy.Decision(decisions.size(), names, previous, e, since));
        Rec chosen = eligible.get(Math.max(0, names.indexOf(pick)));
        decisions.add(chosen.lane.name());
        previous = chosen.lane.name();
        running = chosen.lane.thread();
        if (running != Thread.currentThread()) {
            chosen.turn.signal();
        }
    }

    private List<String> names() {
        return eligible.stream().map(r -> r.lane.name()).toList();
    }

    /** Every waiting thread re-checks: the run stopped or ended. */
    private void wakeAll() {
        changed.signalAll();
        ordered.forEach(r -> r.turn.signalAll());
    }

    /**
     * Fills {@link #eligible} with the eligible lanes in lane creation order, so decisions do not depend on thread
     * start timing; returns which they are (bit i: the i-th record), 0 for none.
     */
    private int eligible() {
        eligible.clear();
        int mask = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Rec r = ordered.get(i);
            boolean ok = switch (r.state) {
                case READY -> true;
                case BLOCKED -> r.blockedOn.getAsBoolean();
                case IDLE -> r.lane.hasWork();
                case RUNNING, EXITED -> false;
            };
            if (ok) {
                eligible.add(r);
                mask |= 1 << i; // beyond 31 records the bits repeat, and handOff does not cache the names
            }
        }
        return mask;
    }
}
