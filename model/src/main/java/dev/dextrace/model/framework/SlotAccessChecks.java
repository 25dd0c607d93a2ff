package dev.dextrace.model.framework;

import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Subject;
import dev.dextrace.model.runtime.AtomicStep;
import dev.dextrace.model.runtime.ExecutionContext;
import dev.dextrace.model.runtime.Frame;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The dext's reads and writes of the shared buffers, checked against who owns the slot at that
 * moment (SLOT-1, SLOT-3, SLOT-5, SLOT-7), and the ownership queries the dext's own bookkeeping
 * asks (CMP-2).
 */
final class SlotAccessChecks {
    private final SlotPool pool;

    SlotAccessChecks(SlotPool pool) {
        this.pool = pool;
    }

    Slot slot(String what, int index) {
        return pool.slot(what, index);
    }

    int slotCount() {
        return pool.slots.length;
    }

    /** The generation a view taken now belongs to: the delivered one, or -1 if the dext does not hold the slot. */
    @AtomicStep("reads one slot's state under the kernel lock")
    int viewGeneration(Slot s) {
        int g;
        synchronized (pool.lock) { // several fields of the slot: read them as of one moment, never half a transition
            g = currentViewGeneration(s);
        }
        Frame top = ExecutionContext.current().top();
        if (top != null && g > 0) {
            top.sawSlot(s.index, g);
        }
        return g;
    }

    private static int currentViewGeneration(Slot s) {
        int d = s.deliveredGeneration;
        if (d > 0 && (s.dextCompletedGeneration >= d || s.timedOutGeneration == d)) {
            return d;
        }
        return s.dextHolds(d) ? d : -1;
    }

    /**
     * A dext read or write of slot s through a view of generation viewGen: the event, the SLOT-1/3/5
     * checks and the access itself are one step under the kernel lock, so the trace orders them truly.
     */
    @AtomicStep("one protocol event and the slot access it records, under the kernel lock")
    <T> T dextTouch(Slot s, int viewGen, String field, Optional<String> written, Supplier<T> access) {
        Payload.SlotAccess touch = new Payload.SlotAccess(written.isPresent(), s.index,
                viewGen > 0 ? OptionalInt.of(viewGen) : OptionalInt.empty(), field, written);
        String what = touch.access();
        return pool.dk.eventAndApply(pool.lock, touch, e -> {
            if (!pool.anyIssued) {
                pool.dk.monitor().violate(Rule.SLOT_1, what + " of slot " + s.index + " before the framework issued any slot: "
                        + "at start the framework owns every slot", Subject.slot(s.index), e);
            } else if (viewGen <= 0) {
                pool.dk.monitor().violate(Rule.SLOT_3, what + " of slot " + s.index + ", which the framework has not handed to the dext",
                        Subject.slot(s.index, s.generation), e);
            } else if (s.dextCompletedGeneration >= viewGen) {
                pool.dk.monitor().violate(Rule.SLOT_5, what + " of slot " + s.index + " gen " + viewGen
                        + " after the dext completed it" + (s.generation > viewGen ? " (already reissued as gen " + s.generation + ")" : ""),
                        Subject.slot(s.index, viewGen), e);
            } else if (s.timedOutGeneration == viewGen) {
                // the kernel's timeout won the race; the dext cannot know yet, so this is no violation of its own
            } else if (!s.dextHolds(viewGen)) {
                pool.dk.monitor().violate(Rule.SLOT_3, what + " of slot " + s.index + " gen " + viewGen
                        + ", which the framework took back", Subject.slot(s.index, viewGen), e);
            }
            return access.get();
        });
    }

    /** What a command slot reads as before the kernel first wrote it: all zero. */
    static TaskData emptyTask() {
        return new TaskData(0, 0, 0, 0, 0, 0, 0, 0, new byte[8], new byte[16], 0, 0, 0);
    }

    @AtomicStep("one protocol event and its SLOT-7 violation")
    void senseOverrun(Slot s, int length) {
        Subject about = s == null ? Subject.NONE : Subject.slot(s.index, s.generation);
        ProtocolEvent e = pool.dk.event(new Payload.SenseWrite(about, length));
        pool.dk.monitor().violate(Rule.SLOT_7, "sense length " + length + " exceeds kMaxSenseBufferSize 256", about, e);
    }

    /**
     * Whether the dext already completed the command it was last handed in slot i: its bookkeeping
     * for that command must not be revived (CMP-2).
     */
    @AtomicStep("reads one slot's state under the kernel lock")
    boolean deliveredCommandIsOver(int index) {
        Slot s = pool.slot("slot", index);
        synchronized (pool.lock) {
            int d = s.deliveredGeneration;
            return d > 0 && s.dextCompletedGeneration >= d; // a kernel timeout is no completion the dext could expect
        }
    }

    /** Whether slot i is issued to the dext and not yet returned. */
    @AtomicStep("reads one slot field")
    boolean isWithDext(int index) {
        return pool.slot("slot", index).ownedByDext;
    }

    /** The generation of slot i the dext was last handed (0 if none). */
    @AtomicStep("reads one slot field")
    int deliveredGeneration(int index) {
        return pool.slot("slot", index).deliveredGeneration;
    }
}
