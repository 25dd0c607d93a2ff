package dev.dextrace.model;

import dev.dextrace.model.catalogue.Attempt2BundledIsr;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.OSAction;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test designs for the semantics of observed plain state (docs/decisions.md): each is the recommended
 * design plus one piece of state that Default touches when it records a command and the interrupt
 * queue touches when it takes it back, outside the IOLock.
 */
final class PlainStateDesigns {
    private PlainStateDesigns() {
    }

    /** Calls {@link #touch()} on Default (recording a command) and on the interrupt queue (taking it back). */
    abstract static class Touching extends BundledRecommended {
        @Override
        protected void recordInFlight(int slot, OSAction completion) {
            touch();
            super.recordInFlight(slot, completion);
        }

        @Override
        protected OSAction takeInFlight(int slot) {
            touch();
            return super.takeInFlight(slot);
        }

        abstract void touch();
    }

    /** A plain counter with a full fence after each update: a fence orders, it does not exclude. Q-3. */
    static final class FencedCounter extends Touching {
        int count;

        @Override
        void touch() {
            count++;
            VarHandle.fullFence();
        }
    }

    /** A plain counter in synchronized blocks on one object both queues share: a lock. Clean. */
    static final class SynchronizedCounter extends Touching {
        private final Object guard = new Object();
        private int count;

        @Override
        void touch() {
            synchronized (guard) {
                count++;
            }
        }
    }

    /** synchronized on an object of its own each time: nothing shared, so no lock in common. Q-3. */
    static final class SynchronizedOnNothingShared extends Touching {
        private int count;

        @Override
        void touch() {
            synchronized (new Object()) {
                count++;
            }
        }
    }

    /** A volatile counter: a synchronized access (std::atomic in a C++ dext), not Q-3 (its lost update is its own bug). */
    static final class VolatileCounter extends Touching {
        private volatile int count;

        @Override
        @SuppressWarnings("NonAtomicOperationOnVolatileField")
        void touch() {
            count = count + 1;
        }
    }

    /** An AtomicInteger: synchronized accesses. Clean. */
    static final class AtomicCounter extends Touching {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        void touch() {
            count.incrementAndGet();
        }
    }

    /** A plain static counter. Q-3. */
    static final class StaticCounter extends Touching {
        private static int count;

        @Override
        void touch() {
            count++;
        }
    }

    /** The state lives in a helper class of the design's package (not nested): it is driver code too. Q-3. */
    static final class HelperState extends Touching {
        private final SlotStats stats = new SlotStats();

        @Override
        void touch() {
            stats.bump();
        }
    }

    /** The state lives in an inner class's field. Q-3. */
    static final class InnerState extends Touching {
        private final Stats stats = new Stats();

        final class Stats {
            private int touched;
        }

        @Override
        void touch() {
            stats.touched++;
        }

        /** What a test calls from a thread outside any world. */
        int touchOutsideAWorld() {
            touch();
            return stats.touched;
        }
    }

    /**
     * Attempt 2 as a port keeps it: a struct per slot whose plain boolean field is set after the hardware
     * started. Only a field store sits between the start and the mark, so the search can show CMP-1 only
     * if a field store is a switch point.
     */
    @DriverDesign(name = "struct-flag-after-start", path = DriverDesign.Path.BUNDLED, violates = {"Q-3", "SLOT-5", "CMP-1"},
            summary = "attempt 2 with per-slot structs")
    static final class StructFlagAfterStart extends Attempt2BundledIsr {
        static final class SlotContext {
            boolean inFlight;
        }

        private SlotContext[] fSlots;

        @Override
        protected void newSlotStateTable() {
            fSlots = new SlotContext[maxTaskCount];
            for (int i = 0; i < maxTaskCount; i++) {
                fSlots[i] = new SlotContext();
            }
        }

        @Override
        protected void markInFlight(int index) {
            fSlots[index].inFlight = true;
        }

        @Override
        protected boolean isInFlight(int index) {
            return fSlots[index].inFlight;
        }

        @Override
        protected void markIdle(int index) {
            fSlots[index].inFlight = false;
        }
    }
}

/** A helper class a port keeps beside its driver class. */
final class SlotStats {
    private long touched;

    void bump() {
        touched++;
    }
}
