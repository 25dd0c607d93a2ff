package dev.dextrace.model.runtime;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.monitor.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lanes run on carrier threads kept across runs (ModelRuntime): a later run reuses the threads of an earlier
 * one, and a lane stuck in code with no switch point keeps its carrier without holding up the runs after it.
 */
class CarrierThreadsTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static World world() {
        World w = World.builder(BundledRecommended::new).twoLanes().controlled(Strategy.runToCompletion()).build();
        w.submit(Command.testUnitReady(0), Command.testUnitReady(0));
        return w;
    }

    private static Set<Thread> laneThreads(World w) {
        Set<Thread> out = new HashSet<>();
        w.runtime().lanes().forEach(l -> out.add(l.thread()));
        return out;
    }

    @Test
    void laterRunsReuseTheCarriersOfEarlierOnes() {
        assertTimeoutPreemptively(BOUND, () -> {
            Set<Thread> used = new HashSet<>();
            for (int run = 0; run < 3; run++) {
                World w = world();
                Verdict v = w.run(Duration.ofSeconds(20));
                assertTrue(v.isClean(), v::describe);
                assertEquals(2, laneThreads(w).size(), "two lanes, two threads");
                assertTrue(laneThreads(w).stream().allMatch(Thread::isDaemon), "a spinning driver must not keep the JVM alive");
                used.addAll(laneThreads(w));
            }
            // a thread of their own per lane would be 6; a carrier that came back from another test's run may join in
            assertTrue(used.size() < 6, "three runs of two lanes ran on " + used.size() + " threads");
        });
    }

    @Test
    void aStuckLaneKeepsItsCarrierAndTheNextRunGoesOn() {
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertTimeoutPreemptively(BOUND, () -> {
                World stuck = world();
                // a block that waits outside the model: no switch point, so only the run's deadline ends the run
                stuck.step("wait for the test", () -> true, () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Verdict hung = stuck.run(Duration.ofMillis(300));
                assertTrue(hung.rules().contains("HANG-1"), hung::describe);
                Thread held = stuck.lane(World.SUBMITTER).thread(); // the kernel's lane ran the step
                assertTrue(stuck.runtime().liveThreads().contains(held), "the stuck lane's thread is still in the block");

                World next = world();
                Verdict v = next.run(Duration.ofSeconds(20));
                assertTrue(v.isClean(), v::describe);
                assertEquals("settled", v.endReason());
                assertTrue(laneThreads(next).stream().noneMatch(held::equals), "the stuck carrier ran no lane of the next run");
            });
        } finally {
            release.countDown(); // the stuck lane unwinds and its carrier goes back to the idle stack
        }
    }
}
