package dev.dextrace.model;

import dev.dextrace.model.catalogue.Attempt2PlainArray;
import dev.dextrace.model.catalogue.BundledPlainLocked;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.catalogue.PendingListUnlocked;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.ivars.Ivars;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.monitor.Violation;
import dev.dextrace.model.replay.Exploration;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Q-3 on the dext's plain state (dev.dextrace.model.ivars): the designs keep plain arrays, fields and
 * java.util collections, nothing wrapped; the observed accesses find the unlocked ones and name both
 * source lines, and stay silent on locked ones.
 */
class PlainStateTest {
    private static final Pattern SITE = Pattern.compile("(\\w+\\.java):(\\d+)");

    /** The Q-3 violation's message names two source lines of {@code file} and both queues. */
    static void assertNamesBothAccesses(Violation v, String file) {
        Matcher m = SITE.matcher(v.message());
        java.util.List<String> lines = new java.util.ArrayList<>();
        while (m.find()) {
            assertEquals(file, m.group(1), v::message);
            lines.add(m.group(2));
        }
        assertTrue(lines.size() >= 2, () -> "two source lines in: " + v.message());
        assertTrue(v.message().contains(IODispatchQueue.DEFAULT) && v.message().contains("Interrupt"), v::message);
        // the interleaving a card draws ends with this access, in the queue that made it, at the message's last line
        ProtocolEvent trigger = v.trigger();
        assertTrue(trigger.payload() instanceof Payload.FieldAccess a && a.site().endsWith(file + ":" + lines.get(lines.size() - 1)),
                () -> "the violation is drawn at the access: " + trigger.text());
        assertEquals(v.queue(), trigger.queue(), trigger::toString);
        assertTrue(v.message().contains(trigger.queue() + " at "), () -> trigger.queue() + " is the violating queue in " + v.message());
    }

    /** An access that was an event is drawn too: the story shows the other queue's access, not only the violating one. */
    static void assertDrawsTheOtherQueuesAccess(Violation v) {
        assertTrue(v.events().exists(e -> e.payload() instanceof Payload.FieldAccess && !e.queue().equals(v.trigger().queue())),
                () -> "the other queue's access in the story: " + v.events().map(ProtocolEvent::text).mkString("; "));
    }

    private static Verdict completionBeforeProcessReturns(Supplier<? extends IOUserSCSIParallelInterfaceController> d) {
        return Scripted.run(d, Scripted.tur(2), Scripted.completionBeforeProcessReturns());
    }

    @Test
    void aPlainArrayTableSharedWithTheInterruptQueueIsQ3WithBothLines() {
        Verdict v = completionBeforeProcessReturns(Attempt2PlainArray::new);
        Violation q3 = v.first("Q-3").getOrElseThrow(() -> new AssertionError("no Q-3: " + v.describe()));
        assertTrue(q3.message().startsWith("fSlotState["), q3::message);
        assertNamesBothAccesses(q3, "Attempt2PlainArray.java");
        Matcher m = SITE.matcher(q3.message());
        java.util.Set<String> lines = new java.util.HashSet<>();
        while (m.find()) {
            lines.add(m.group(2));
        }
        assertTrue(lines.size() >= 2, () -> "Default's write and the handler's are different lines: " + q3.message());
        assertDrawsTheOtherQueuesAccess(q3);
        assertTrue(Ivars.isInstrumented(Attempt2PlainArray.class));
    }

    @Test
    void anArrayListMutatedByBothQueuesWithoutALockIsQ3WithBothLines() {
        Verdict v = completionBeforeProcessReturns(PendingListUnlocked::new);
        Violation q3 = v.first("Q-3").getOrElseThrow(() -> new AssertionError("no Q-3: " + v.describe()));
        assertTrue(q3.message().startsWith("pending"), q3::message);
        assertNamesBothAccesses(q3, "PendingListUnlocked.java");
        assertEquals(java.util.Set.of("Q-3"), v.rules().toJavaSet(), v::describe);
    }

    @ParameterizedTest
    @ValueSource(classes = {BundledRecommended.class, BundledPlainLocked.class})
    void lockedPlainStateStaysSilent(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        DesignEntry d = DesignEntry.of(design);
        Verdict v = completionBeforeProcessReturns(d::create);
        assertTrue(v.isClean(), v::describe);
        World w = scriptedWorld(d::create);
        assertTrue(w.driverKit().plainState().locations() > 0, "the design's plain state is observed");
    }

    @ParameterizedTest
    @ValueSource(classes = {Attempt2PlainArray.class, PendingListUnlocked.class})
    void explorationFindsQ3OnPlainState(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        DesignEntry d = DesignEntry.of(design);
        Exploration.Result r = Exploration.explore(Scenarios.COMPLETION_RACES_SUBMISSION, d, 10, 100, seen -> seen.contains("Q-3"));
        Exploration.Found f = r.first("Q-3").orElseThrow(() -> new AssertionError("Q-3 not found in " + r.firstByRule().keySet()));
        assertNamesBothAccesses(f.verdict().first("Q-3").get(), design.getSimpleName() + ".java");
    }

    @ParameterizedTest
    @ValueSource(classes = {BundledRecommended.class, BundledPlainLocked.class})
    void explorationStaysSilentOnLockedPlainState(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        DesignEntry d = DesignEntry.of(design);
        for (Scenario s : Scenarios.forDesign(d)) {
            Exploration.Result r = Exploration.explore(s, d, 10, 60, seen -> false);
            assertTrue(r.firstByRule().isEmpty(), () -> s.name() + ": " + r.firstByRule());
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {PlainStateDesigns.FencedCounter.class, PlainStateDesigns.SynchronizedOnNothingShared.class,
            PlainStateDesigns.StaticCounter.class, PlainStateDesigns.HelperState.class, PlainStateDesigns.InnerState.class})
    void unlockedPlainStateIsQ3(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        Verdict v = completionBeforeProcessReturns(() -> newInstance(design));
        Violation q3 = v.first("Q-3").getOrElseThrow(() -> new AssertionError("no Q-3: " + v.describe()));
        assertNamesBothAccesses(q3, "PlainStateDesigns.java");
        assertEquals(java.util.Set.of("Q-3"), v.rules().toJavaSet(), v::describe);
    }

    @ParameterizedTest
    @ValueSource(classes = {PlainStateDesigns.SynchronizedCounter.class, PlainStateDesigns.VolatileCounter.class,
            PlainStateDesigns.AtomicCounter.class})
    void synchronizedAccessesAreNotQ3(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        Verdict v = completionBeforeProcessReturns(() -> newInstance(design));
        assertTrue(v.isClean(), v::describe);
    }

    @Test
    void aFieldStoreIsASwitchPointSoTheInterruptCanRunBetweenTheStartAndTheMark() {
        Exploration.Result r = Exploration.explore(Scenarios.COMPLETION_RACES_SUBMISSION, DesignEntry.of(PlainStateDesigns.StructFlagAfterStart.class),
                0, 500, seen -> seen.containsAll(java.util.Set.of("Q-3", "SLOT-5", "CMP-1")));
        assertTrue(r.firstByRule().keySet().containsAll(java.util.Set.of("Q-3", "SLOT-5", "CMP-1")), () -> "found " + r.firstByRule().keySet());
    }

    @Test
    void accessesFromAThreadOutsideAnyWorldAreIgnored() throws InterruptedException {
        World w = scriptedWorld(PlainStateDesigns.InnerState::new);
        int before = w.driverKit().plainState().locations();
        PlainStateDesigns.InnerState outside = new PlainStateDesigns.InnerState();
        int[] touched = new int[1];
        Thread t = new Thread(() -> touched[0] = outside.touchOutsideAWorld());
        t.start();
        t.join();
        assertEquals(1, touched[0], "the access itself happened");
        assertEquals(before, w.driverKit().plainState().locations());
        assertTrue(Ivars.isInstrumented(PlainStateDesigns.InnerState.Stats.class), "the inner class is driver code");
    }

    @Test
    void aBadSwitchValueIsOneClearLine() {
        String was = System.getProperty(Ivars.PROPERTY);
        System.setProperty(Ivars.PROPERTY, "maybe");
        try {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> World.builder(PlainStateDesigns.AtomicCounter::new).build());
            assertEquals("dextrace.ivars must be on or off, was 'maybe'", e.getMessage());
        } finally {
            if (was == null) {
                System.clearProperty(Ivars.PROPERTY);
            } else {
                System.setProperty(Ivars.PROPERTY, was);
            }
        }
    }

    private static IOUserSCSIParallelInterfaceController newInstance(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        try {
            java.lang.reflect.Constructor<? extends IOUserSCSIParallelInterfaceController> c = design.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static World scriptedWorld(Supplier<? extends IOUserSCSIParallelInterfaceController> d) {
        World w = World.builder(d).controlled(Scripted.completionBeforeProcessReturns()).build();
        Scripted.tur(2).accept(w);
        w.run(Scripted.TIMEOUT);
        return w;
    }
}
