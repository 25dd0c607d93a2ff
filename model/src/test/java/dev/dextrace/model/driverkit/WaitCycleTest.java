package dev.dextrace.model.driverkit;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.DeadlockDetected;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Q-4's wait-for walk, with hand-made wait targets: a cycle is filed when it closes and still stands,
 * not when the walk read a link that moved on meanwhile (a lock released just before its holder waited).
 */
class WaitCycleTest {
    /** A lock held by {@code first} for the first {@code reads} reads of its owner, free afterwards. */
    private static WaitTarget target(String name, Thread first, int reads) {
        AtomicInteger n = new AtomicInteger();
        return new WaitTarget() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Thread owner() {
                return n.getAndIncrement() < reads ? first : null;
            }
        };
    }

    /** The world's DriverKit, with another thread registered as waiting for a queue the calling thread holds. */
    private static DriverKit withOtherWaitingForMe(Thread[] other) throws InterruptedException {
        World w = World.builder(BundledRecommended::new).controlled(Strategy.runToCompletion()).build();
        DriverKit dk = w.driverKit();
        Thread me = Thread.currentThread();
        other[0] = new Thread(() -> dk.beginWait(target("InterruptQueue", me, Integer.MAX_VALUE), "test"), "other");
        other[0].start();
        other[0].join();
        return dk;
    }

    @Test
    void aCycleThatStandsIsQ4() throws InterruptedException {
        Thread[] other = new Thread[1];
        DriverKit dk = withOtherWaitingForMe(other);
        assertThrows(DeadlockDetected.class, () -> dk.beginWait(target("lock#1", other[0], Integer.MAX_VALUE), "IOLockLock(lock#1)"));
        Verdict v = dk.monitor().verdict("test");
        assertEquals(java.util.Set.of("Q-4"), v.rules().toJavaSet(), v::describe);
    }

    @Test
    void aLinkReleasedWhileTheWalkReadItClosesNoCycle() throws InterruptedException {
        Thread[] other = new Thread[1];
        DriverKit dk = withOtherWaitingForMe(other);
        dk.beginWait(target("lock#1", other[0], 1), "IOLockLock(lock#1)"); // held when first read, free when re-read
        dk.endWait();
        Verdict v = dk.monitor().verdict("test");
        assertTrue(v.isClean(), v::describe);
    }
}
