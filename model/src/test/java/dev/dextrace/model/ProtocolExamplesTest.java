package dev.dextrace.model;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.framework.Framework;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol's own examples, on the recommended design: all legal, all clean. */
class ProtocolExamplesTest {

    /**
     * The header's example: several bundles outstanding, completions that split a bundle, arrive out
     * of order and mix slots of different bundles, and a slot reissued right after it was returned.
     */
    @Test
    void headerExampleSequenceIsClean() {
        World w = World.builder(() -> new BundledRecommended(32)).controlled(Strategy.runToCompletion()).build();
        w.hardware().holdCompletions();
        Framework f = w.framework();
        w.issue(0).issue(2, 5, 18);
        w.step("after Process(2,5,18)", () -> f.deliveredGeneration(18) == 1, () -> w.hardware().release(0));
        w.step("after Complete(0)", () -> !f.isWithDext(0), () -> w.hardware().release(2, 5));
        w.step("then", () -> true, () -> w.issue(0, 10, 11, 12, 15));
        w.step("after Process(0,10,11,12,15)", () -> f.deliveredGeneration(0) == 2 && !f.isWithDext(5),
                () -> w.hardware().release(18, 0));
        w.step("after Complete(18,0)", () -> !f.isWithDext(18) && !f.isWithDext(0), () -> w.hardware().release(10, 11, 12));
        w.step("after Complete(10,11,12)", () -> !f.isWithDext(12), () -> w.hardware().release(15));

        Verdict v = w.run(Scripted.TIMEOUT);

        assertTrue(v.isClean(), v::describe);
        assertEquals(List.of("Process(0)", "Process(2,5,18)", "Process(0,10,11,12,15)"), texts(v, EventKind.PROCESS_BEGIN));
        assertEquals(List.of("Complete(0)", "Complete(2,5)", "Complete(18,0)", "Complete(10,11,12)", "Complete(15)"),
                texts(v, EventKind.COMPLETE));
        assertEquals(0, f.outstanding());
    }

    @Test
    void completionBeforeProcessReturnsIsClean() {
        Strategy.Script early = Scripted.completionBeforeProcessReturns();
        Verdict v = Scripted.run(BundledRecommended::new, Scripted.tur(3), early);
        assertTrue(v.isClean(), v::describe);
        assertEquals(List.of(), early.unreachedSteps());
        long complete = v.events().find(e -> e.kind() == EventKind.COMPLETE).get().seq();
        long processEnd = v.events().find(e -> e.kind() == EventKind.PROCESS_END).get().seq();
        assertTrue(complete < processEnd, "the completion ran before Process returned");
    }

    @Test
    void slotReissuedImmediatelyAfterCompletionIsClean() {
        Verdict v = Scripted.run(() -> new BundledRecommended(1), Scripted.tur(3), Strategy.runToCompletion());
        assertTrue(v.isClean(), v::describe);
        List<ProtocolEvent> issues = v.events().filter(e -> e.kind() == EventKind.ISSUE).toJavaList();
        assertEquals(3, issues.size());
        ProtocolEvent reissue = issues.get(1);
        assertEquals("reissue slot 0 gen 2: TEST UNIT READY", reissue.text());
        assertEquals("InterruptQueue", reissue.lane(), "returned and reissued in the completing thread, at once");
    }

    /** The kernel's own acts run on the lane that carries the kernel's work loop; the swimlane still says "kernel". */
    @Test
    void theKernelsWorkIsShownOnTheKernelWhicheverLaneCarriesIt() {
        World w = dev.dextrace.model.scenario.Scenarios.STOP_WITH_IO_OUTSTANDING.loadWithoutPreemption(
                dev.dextrace.model.catalogue.Catalogue.select("bundled-recommended").get(0));
        Verdict v = w.run(Scripted.TIMEOUT);
        ProtocolEvent stop = v.events().find(e -> e.payload() instanceof Payload.SyncTo s && s.block().contains("UserStopController")).get();
        assertEquals("kernel", stop.place(), stop::toString);
        assertEquals(World.SUBMITTER, stop.lane(), "carried by the lane of Default and the kernel");
        assertTrue(stop.toString().contains("[kernel on submitter]"), stop::toString);
    }

    @Test
    void completionsInDeferredModeAreCleanToo() {
        Verdict v = Scripted.run(() -> new BundledRecommended(2), dev.dextrace.model.framework.FrameworkConfig.defaults()
                        .with(dev.dextrace.model.framework.FrameworkConfig.CompletionProcessing.DEFERRED),
                Scripted.tur(5), Strategy.seeded(7));
        assertTrue(v.isClean(), v::describe);
        assertEquals(5, v.events().count(e -> e.kind() == EventKind.ISSUE));
    }

    /** The seed's hardware: each command striped over two disks, one interrupt when both halves are done. */
    @Test
    void theRecommendedDesignIsCleanOnTheSeedsRaid0() {
        World w = World.builder(BundledRecommended::new).raid0().controlled(Strategy.seeded(3)).build();
        w.submit(dev.dextrace.model.framework.Command.read(0, 0, 8), dev.dextrace.model.framework.Command.read(0, 8, 3));
        Verdict v = w.run(Scripted.TIMEOUT);
        assertTrue(v.isClean(), v::describe);
        assertEquals(4, v.events().count(e -> e.kind() == EventKind.HW_START), "two halves per command");
        assertEquals(2, v.events().count(e -> e.kind() == EventKind.INTERRUPT), "one interrupt per command");
        assertTrue(v.events().exists(e -> e.payload().equals(
                new Payload.SlotAccess(true, 1, OptionalInt.of(1), "fBytesTransferred", Optional.of("1536")))), v::describe);
    }

    private static List<String> texts(Verdict v, EventKind kind) {
        return v.events().filter(e -> e.kind() == kind).map(ProtocolEvent::text).toJavaList();
    }
}
