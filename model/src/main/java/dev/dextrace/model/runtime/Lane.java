package dev.dextrace.model.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A thread that pumps a set of mailboxes: one per queue on a real Mac-like layout, or two for a
 * jcstress sample on a 2-core machine. {@link #run()} may be called by a thread the caller owns
 * (a jcstress actor, a Lincheck thread) or by one the runtime starts.
 */
public final class Lane {
    private final String name;
    private final ModelRuntime runtime;
    private final List<Mailbox> mailboxes = new CopyOnWriteArrayList<>();
    private volatile Thread thread;
    private int next;

    Lane(String name, ModelRuntime runtime) {
        this.name = name;
        this.runtime = runtime;
    }

    public String name() {
        return name;
    }

    void add(Mailbox m) {
        mailboxes.add(m);
    }

    public List<Mailbox> mailboxes() {
        return List.copyOf(mailboxes);
    }

    public Thread thread() {
        return thread;
    }

    /** Something in this lane's mailboxes could run now. */
    @AtomicStep("reads the lane's mailboxes")
    public boolean hasWork() {
        for (Mailbox m : mailboxes) {
            if (m.hasRunnable()) {
                return true;
            }
        }
        return false;
    }

    /** Pumps until the run settles or stops. */
    public void run() {
        enter();
        Scheduler s = runtime.scheduler();
        try {
            s.laneStarted(this); // a run may stop before this lane's first turn
            while (!runtime.stopped()) {
                if (!pumpOne() && !s.idle(this)) {
                    break;
                }
            }
        } catch (RunAbandoned stopped) {
            // the run ended while this lane waited: nothing more to do
        } finally {
            s.laneExited(this);
        }
    }

    /**
     * Runs what this lane can run now and returns instead of waiting: for engines that explore
     * interleavings themselves (Lincheck), where a waiting thread would only be noise. What is left
     * is run by {@code World.finish()}.
     */
    public void runWhileWork() {
        enter();
        try {
            while (!runtime.stopped() && pumpOne()) {
                // keep going while something is runnable
            }
        } catch (RunAbandoned stopped) {
            // the run was stopped
        }
    }

    /** Makes the calling thread this lane: its context, and the world's per-thread state. */
    private void enter() {
        thread = Thread.currentThread();
        ExecutionContext.enter(name);
        runtime.enterLane();
    }

    /** Runs one item of the first mailbox (round robin) that has one. */
    boolean pumpOne() {
        int n = mailboxes.size();
        for (int i = 0; i < n; i++) {
            Mailbox m = mailboxes.get((next + i) % n);
            if (m.tryRunOne()) {
                next = (next + i + 1) % n;
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
