package dev.dextrace.campaign;

import dev.dextrace.engine.Budget;
import dev.dextrace.engine.Engine;
import dev.dextrace.model.results.Results;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideTest {
    private static final EngineProcess.Outcome RAN = new EngineProcess.Outcome(Results.EngineStatus.RAN, null);

    record Fake(String name, int cores) implements Engine {
        @Override
        public Session open(Budget budget, Path out, Map<String, String> settings) {
            throw new UnsupportedOperationException("not run here");
        }
    }

    private final Set<String> running = Collections.synchronizedSet(new HashSet<>());
    private final List<Set<String>> seenAtStart = Collections.synchronizedList(new ArrayList<>());

    private EngineProcess.Outcome enter(Engine e) {
        running.add(e.name());
        seenAtStart.add(Set.copyOf(running));
        return RAN;
    }

    @Test
    void onTwoCoresJcstressRunsAloneAndTheSingleThreadedSearchesTogether() {
        Engine jcstress = new Fake("jcstress", 2), lincheck = new Fake("lincheck", 1), controlled = new Fake("controlled", 1);
        CountDownLatch bothIn = new CountDownLatch(2);
        Map<String, EngineProcess.Outcome> out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new SideBySide(2).run(
                List.of(jcstress, lincheck, controlled), p -> {
                    Engine e = p.engine();
                    EngineProcess.Outcome o = enter(e);
                    if (e.cores() == 1) { // each waits for the other: only passes if they run at the same time
                        bothIn.countDown();
                        try {
                            assertTrue(bothIn.await(10, TimeUnit.SECONDS), e.name() + " ran without its partner");
                        } catch (InterruptedException x) {
                            throw new AssertionError(x);
                        }
                    }
                    running.remove(e.name());
                    return o;
                }, e -> false));
        assertEquals(List.of("jcstress", "lincheck", "controlled"), List.copyOf(out.keySet()));
        assertTrue(out.values().stream().allMatch(RAN::equals), out::toString);
        assertEquals(Set.of("jcstress"), seenAtStart.get(0), "jcstress shares its cores with nobody");
    }

    @Test
    void oneCoreRunsTheEnginesOneAfterAnotherInOrder() throws InterruptedException {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        new SideBySide(1).run(List.of(new Fake("a", 1), new Fake("b", 2), new Fake("c", 1)), p -> {
            EngineProcess.Outcome o = enter(p.engine());
            order.add(p.engine().name());
            running.remove(p.engine().name());
            return o;
        }, e -> true);
        assertEquals(List.of("a", "b", "c"), order);
        seenAtStart.forEach(s -> assertEquals(1, s.size(), "one at a time: " + s));
    }

    @Test
    void afterAnInterruptionNothingMoreStarts() throws InterruptedException {
        EngineProcess.Outcome stopped = new EngineProcess.Outcome(Results.EngineStatus.INTERRUPTED, "SIGINT");
        Map<String, EngineProcess.Outcome> out = new SideBySide(1).run(List.of(new Fake("a", 1), new Fake("b", 1)),
                p -> p.engine().name().equals("a") ? stopped : RAN, e -> true);
        assertEquals(stopped, out.get("a"));
        assertEquals(EngineProcess.NOT_STARTED, out.get("b"));
    }

    /**
     * 2 cores: a short engine beside a long one with designs left. When the short one ends, its core goes to a second
     * process of the long one, which then ends with the first; a process that fails makes the engine's outcome.
     */
    @Test
    void aCoreThatComesFreeGoesToAnotherProcessOfAnEngineWithDesignsLeft() {
        Engine shortOne = new Fake("lincheck", 1), longOne = new Fake("controlled", 1);
        AtomicInteger designsLeft = new AtomicInteger(2);
        CountDownLatch firstIn = new CountDownLatch(1), secondIn = new CountDownLatch(1);
        List<Integer> longProcesses = Collections.synchronizedList(new ArrayList<>());
        EngineProcess.Outcome failed = new EngineProcess.Outcome(Results.EngineStatus.FAILED, "crashed");
        Map<String, EngineProcess.Outcome> out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new SideBySide(2).run(
                List.of(shortOne, longOne), p -> {
                    if (p.engine() == shortOne) { // ends once the long one's first process took its design
                        await(firstIn);
                        return RAN;
                    }
                    longProcesses.add(p.number());
                    designsLeft.decrementAndGet(); // each process claims one design
                    firstIn.countDown();
                    if (p.number() == 1) { // holds its core until the second process started on the short one's
                        await(secondIn);
                        return RAN;
                    }
                    secondIn.countDown();
                    return failed;
                }, e -> e == longOne && designsLeft.get() > 0));
        assertEquals(List.of(1, 2), List.copyOf(longProcesses), "two processes, and no third once no design was left");
        assertEquals(RAN, out.get("lincheck"));
        assertEquals(failed, out.get("controlled"), "a failed process makes its engine's outcome");
    }

    @Test
    void noSecondProcessWhileAnEngineStillWaitsForCores() throws InterruptedException {
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        new SideBySide(2).run(List.of(new Fake("one", 1), new Fake("two", 2)), p -> {
            started.add(p.engine().name() + "#" + p.number());
            return RAN;
        }, e -> e.name().equals("one") && started.size() < 3);
        assertEquals("one#1", started.get(0));
        assertEquals("two#1", started.get(1), "the waiting engine starts before a second process of a running one: " + started);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "waited in vain");
        } catch (InterruptedException x) {
            throw new AssertionError(x);
        }
    }
}
