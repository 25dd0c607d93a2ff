package dev.dextrace.bench;

import dev.dextrace.controlled.ControlledSearch;
import dev.dextrace.model.World;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each benchmark's work runs once and comes out clean. Nothing is timed here: the measurements are
 * run by hand from target/benchmarks.jar (BENCHMARKS.md).
 */
class BenchmarksSmokeTest {

    @Test
    void monitorCostRoundTripRunsWithTraceOnAndOff() {
        for (String trace : List.of("on", "off")) {
            for (int commands : new int[]{32, 64}) {
                MonitorCost b = new MonitorCost();
                b.trace = trace;
                b.commands = commands;
                b.build();
                MonitorCost.Events counter = new MonitorCost.Events();
                Verdict v = b.roundTrip(counter);
                assertTrue(v.isClean(), v::describe);
                assertEquals("settled", v.endReason());
                assertTrue(counter.events > 20L * commands, "events per round trip: " + counter.events);
                assertEquals("on".equals(trace), !v.events().isEmpty(), "the trace is kept only when on");
            }
        }
    }

    @Test
    void controlledCostRunsAndSearchesOnce() {
        for (String strategy : List.of("rtc", "seeded")) {
            ControlledCost b = new ControlledCost();
            b.design = "plain-locked-own-tags";
            b.scenario = "completion-races-reissue";
            b.strategy = strategy;
            b.setUp();
            Verdict v = b.run();
            assertTrue(v.isClean(), v::describe);
            assertEquals("settled", v.endReason());
            if ("rtc".equals(strategy)) { // the search's cost: a small budget here, the full one in the benchmark
                ControlledSearch.Report r = b.search(new ControlledSearch.Budget("smoke", 0, 1, 1, 100, true));
                assertTrue(r.rules().isEmpty(), r.statements()::toString);
                assertEquals(1, r.statements().size());
                assertTrue(r.runs() > 1, "runs: " + r.runs());
            }
        }
    }

    @Test
    void sampleThroughputBenchmarksRunOnce() {
        for (String trace : List.of("on", "off")) {
            SampleThroughput b = new SampleThroughput();
            b.trace = trace;
            b.scenario = "completion-races-submission";
            b.setUp();
            try {
                assertEquals("clean", b.oneThread());
                assertEquals("clean", b.twoThreads());
                assertEquals("clean", b.twoThreads(), "the partner thread takes a second world");
                World w = b.buildOnly();
                assertTrue(w.monitor().eventCount() > 0);
            } finally {
                b.tearDown();
            }
        }
    }

    @Test
    void scaleStudyMeasuresEveryKindOfPointOnce() {
        List<ScaleStudy.Case> all = ScaleStudy.cases(List.of("slots", "bundle", "queues"));
        assertEquals(2 * ScaleStudy.SLOTS.length + 2 * ScaleStudy.BUNDLES.length + 1 + ScaleStudy.QUEUES.length, all.size());
        try (Partner partner = new Partner(World.COMPLETER)) {
            for (ScaleStudy.Case c : List.of(all.get(0), all.get(ScaleStudy.SLOTS.length + 2), all.get(all.size() - 1))) {
                ScaleStudy.Point p = ScaleStudy.measure(c, ScaleStudy.Budget.QUICK, partner);
                assertEquals("clean", p.outcome(), c.series() + " " + c.x());
                assertTrue(p.events() > 0 && p.decisions() > 0 && p.controlledRunsTimed() > 0, p::toString);
            }
        }
    }

    @Test
    void largeSlotCountsAreCleanWithChunkedCompletions() {
        // 256 slots, 258 commands in bundles of 2, every lane on one thread: 256 completions coalesce
        World w = Samples.load(dev.dextrace.model.scenario.Scenarios.COMPLETION_RACES_REISSUE, Designs.slots(256), false);
        Verdict v = Drive.onThisThread(w);
        assertTrue(v.isClean(), v::describe);
    }

    @Test
    void everyQueueOfTheMultiQueueDesignCompletes() {
        World w = Samples.load(ScaleStudy.workload("q", 32, 16), Designs.queues(4), true);
        Verdict v = Drive.onThisThread(w);
        assertTrue(v.isClean(), v::describe);
        for (int q = 0; q < 4; q++) {
            String queue = MultiQueueRecommended.QUEUE_PREFIX + q;
            assertTrue(v.events().exists(e -> queue.equals(e.queue()) && e.payload() instanceof Payload.Complete), queue);
        }
    }
}
