package dev.dextrace.model.driverkit;


import dev.dextrace.model.monitor.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * DriverKit's {@code IOLock} ({@code IOLockAlloc}, {@code IOLockLock}, {@code IOLockUnlock}): a
 * mutex. The locks a thread holds are what {@link SharedVariable} checks Q-3 against.
 */
public final class IOLock implements WaitTarget {
    private static final ThreadLocal<List<IOLock>> HELD = ThreadLocal.withInitial(ArrayList::new);

    private final DriverKit dk;
    private final String name;
    private final AtomicReference<Thread> owner = new AtomicReference<>();

    private IOLock(DriverKit dk, String name) {
        this.dk = dk;
        this.name = name;
    }

    public static IOLock IOLockAlloc() {
        DriverKit dk = DriverKit.current();
        return new IOLock(dk, "lock#" + dk.nextId());
    }

    public static void IOLockLock(IOLock lock) {
        require(lock).lock();
    }

    public static void IOLockUnlock(IOLock lock) {
        require(lock).unlock();
    }

    private static IOLock require(IOLock lock) {
        if (lock == null) {
            throw new IllegalArgumentException("lock must not be null (IOLockAlloc it first)");
        }
        return lock;
    }

    private void lock() {
        Thread me = Thread.currentThread();
        if (owner.get() == me) {
            throw new IllegalStateException(name + " is not recursive and is already held by this thread");
        }
        dk.event(new Payload.Lock(name)); // before taking it: a switch point where others may take it first
        if (!owner.compareAndSet(null, me)) {
            dk.beginWait(this, "IOLockLock(" + name + ")"); // Q-4 here if the owner (transitively) waits for this thread
            try {
                while (!owner.compareAndSet(null, me)) {
                    dk.runtime().scheduler().await(() -> owner.get() == null, name);
                }
            } finally {
                dk.endWait();
            }
        }
        HELD.get().add(this);
    }

    private void unlock() {
        if (owner.get() != Thread.currentThread()) {
            throw new IllegalStateException(name + " is unlocked by a thread that does not hold it");
        }
        dk.event(new Payload.Unlock(name));
        HELD.get().remove(this);
        owner.set(null);
        dk.runtime().scheduler().signal();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Thread owner() {
        return owner.get();
    }

    static int heldCountOfThisThread() {
        return HELD.get().size();
    }

    /**
     * Lets go of the locks the calling thread took after it held {@code count}: the block that took
     * them was abandoned (deadlock, exception, stopped run), and a lock it kept would only turn one
     * finding into a hang of everything after it.
     */
    static void abandonHeldAbove(int count) {
        List<IOLock> held = HELD.get();
        while (held.size() > count) {
            IOLock l = held.remove(held.size() - 1);
            l.owner.compareAndSet(Thread.currentThread(), null);
            l.dk.runtime().scheduler().signal();
        }
    }

    /** The locks the calling thread holds now. */
    public static List<IOLock> heldByThisThread() {
        return List.copyOf(HELD.get());
    }

    @Override
    public String toString() {
        return name;
    }
}
