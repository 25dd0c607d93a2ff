package dev.dextrace.model.monitor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each matcher accepts the step it names and no other; events' views come from their payloads. */
class EventsTest {
    private static ProtocolEvent at(Payload p) {
        return new ProtocolEvent(7, "Default", "Default", p);
    }

    @Test
    void eachMatcherTellsItsStepFromOthers() {
        assertTrue(Events.hardwareStart(0).test(at(new Payload.HardwareStart(0))));
        assertFalse(Events.hardwareStart(0).test(at(new Payload.HardwareStart(10))));
        assertFalse(Events.hardwareStart(0).test(at(new Payload.Interrupt(0))));
        assertTrue(Events.complete(2).test(at(new Payload.Complete(List.of(1, 2), OptionalInt.empty(), "action#1 (bundled)"))));
        assertFalse(Events.complete(3).test(at(new Payload.Complete(List.of(1, 2), OptionalInt.empty(), "action#1 (bundled)"))));
        assertTrue(Events.complete(2).test(at(new Payload.TaskCompletion(OptionalInt.of(2), OptionalInt.of(1), 0x1000, "action#2 (legacy)"))));
        assertFalse(Events.complete(2).test(at(new Payload.TaskCompletion(OptionalInt.empty(), OptionalInt.empty(), 2, "action#2 (legacy)"))));
        assertTrue(Events.syncTo("Default").test(at(new Payload.SyncTo("Default", "complete"))));
        assertFalse(Events.syncTo("Default").test(at(new Payload.WaitFor("Default", "complete"))));
        assertTrue(Events.waitFor("Default").test(at(new Payload.WaitFor("Default", "complete"))));
        assertTrue(Events.issue(1).test(at(new Payload.Issue(Payload.Unit.SLOT, 1, 2, "TEST UNIT READY", Optional.empty()))));
        assertFalse(Events.issue(1).test(at(new Payload.Issue(Payload.Unit.SLOT, 0, 2, "TEST UNIT READY", Optional.empty()))));
        assertTrue(Events.retain().test(at(new Payload.ActionStep(Payload.ActionOp.RETAIN, "action#1"))));
        assertFalse(Events.retain().test(at(new Payload.ActionStep(Payload.ActionOp.RELEASE, "action#1"))));
        assertTrue(Events.lock("lock#1").test(at(new Payload.Lock("lock#1"))));
        assertFalse(Events.lock("lock#1").test(at(new Payload.Unlock("lock#1"))));
        assertTrue(Events.blockBegin("concurrent block").test(at(new Payload.BlockBegin("concurrent block"))));
        assertFalse(Events.blockBegin("concurrent block").test(at(new Payload.BlockEnd("concurrent block"))));
        assertTrue(Events.kind(EventKind.RING_READ).test(at(new Payload.RingRead())));
    }

    @Test
    void variablesMatchByNameWhateverRecordsTheAccess() {
        assertTrue(Events.write("fSlotState[0]").test(at(new Payload.VarWrite("fSlotState[0]", 1))));
        assertTrue(Events.write("fSlotState[0]").test(at(new Payload.FieldAccess(true, "fSlotState[0]", "Driver.java:9"))));
        assertFalse(Events.write("fSlotState[0]").test(at(new Payload.VarRead("fSlotState[0]"))));
        assertTrue(Events.read("fSlotState[0]").test(at(new Payload.VarRead("fSlotState[0]"))));
        assertTrue(Events.write("fSlotState[0]", 1).test(at(new Payload.VarWrite("fSlotState[0]", 1))));
        assertFalse(Events.write("fSlotState[0]", 1).test(at(new Payload.VarWrite("fSlotState[0]", 0))));
        assertTrue(Events.write("x", null).test(at(new Payload.VarWrite("x", null))), "a written null is a value");
    }

    @Test
    void anEventsSlotGenerationAndActionComeFromItsPayload() {
        ProtocolEvent issue = at(new Payload.Issue(Payload.Unit.TASK, 3, 2, "INQUIRY", Optional.of("action#4 (legacy)")));
        assertEquals(EventKind.ISSUE, issue.kind());
        assertEquals("issue task 3 gen 2: INQUIRY", issue.text());
        assertEquals(OptionalInt.of(3), issue.slot());
        assertEquals(OptionalInt.of(2), issue.generation());
        assertEquals(Optional.of("action#4 (legacy)"), issue.action());
        ProtocolEvent tag = at(new Payload.HardwareStart(5));
        assertEquals(OptionalInt.empty(), tag.slot(), "a hardware tag is the dext's own ID, not a slot");
        assertEquals(OptionalInt.empty(), tag.generation(), "a hardware tag names no generation");
        assertEquals(Subject.NONE, at(new Payload.Lock("lock#1")).payload().subject());
        assertEquals("reissue slot 0 gen 2: TEST UNIT READY",
                new Payload.Issue(Payload.Unit.SLOT, 0, 2, "TEST UNIT READY", Optional.empty()).text());
        assertEquals("Complete(1,2)", new Payload.Complete(List.of(1, 2), OptionalInt.empty(), "a").text());
        assertEquals(OptionalInt.empty(), at(new Payload.Complete(List.of(1, 2), OptionalInt.empty(), "a")).slot(),
                "a completion of several slots is about no one slot");
    }
}
