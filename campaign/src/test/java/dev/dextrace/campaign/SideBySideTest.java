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
                List.of(jcstress, lincheck, controlled), e -> {
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
                }));
        assertEquals(List.of("jcstress", "lincheck", "controlled"), List.copyOf(out.keySet()));
        assertTrue(out.values().stream().allMatch(RAN::equals), out::toString);
        assertEquals(Set.of("jcstress"), seenAtStart.get(0), "jcstress shares its cores with nobody");
    }

    @Test
    void oneCoreRunsTheEnginesOneAfterAnotherInOrder() throws InterruptedException {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        new SideBySide(1).run(List.of(new Fake("a", 1), new Fake("b", 2), new Fake("c", 1)), e -> {
            EngineProcess.Outcome o = enter(e);
            order.add(e.name());
            running.remove(e.name());
            return o;
        });
        assertEquals(List.of("a", "b", "c"), order);
        seenAtStart.forEach(s -> assertEquals(1, s.size(), "one at a time: " + s));
    }

    @Test
    void afterAnInterruptionNothingMoreStarts() throws InterruptedException {
        EngineProcess.Outcome stopped = new EngineProcess.Outcome(Results.EngineStatus.INTERRUPTED, "SIGINT");
        Map<String, EngineProcess.Outcome> out = new SideBySide(1).run(List.of(new Fake("a", 1), new Fake("b", 1)),
                e -> e.name().equals("a") ? stopped : RAN);
        assertEquals(stopped, out.get("a"));
        assertEquals(EngineProcess.NOT_STARTED, out.get("b"));
    }
}
