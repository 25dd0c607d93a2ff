package ${package};

import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.monitor.Invariant;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.RuleId;
import dev.dextrace.model.monitor.Subject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Your own rule, about your dext rather than the protocol: when the interrupt handler runs, it completes every
 * command the hardware had finished before it started; it never drops one (which leaves the I/O to the kernel's
 * timeout). A rule over the events' typed payloads, with state of its own: a fresh instance per run. Registered on
 * {@link MyDext} ({@code @DriverDesign(invariants = ...)}), so every engine of the campaign and the one-call check run
 * it, and the report shows DEXT-1 with its meaning; to run it on every design of the project, list the class in
 * {@code src/main/resources/META-INF/services/dev.dextrace.model.monitor.Invariant} instead.
 */
public class FinishedCommandsComplete implements Invariant {
    public static final RuleId.Custom RULE = new RuleId.Custom("DEXT-1",
            "The interrupt handler completes every command the hardware finished before it ran: it never drops a completion.",
            "The I/O hangs until the kernel's timeout fails it; under load, a timeout storm.");

    /** Slots whose command the hardware finished and nobody has completed yet. */
    private final Set<Integer> finished = new LinkedHashSet<>();
    /** Of those, the ones finished before the running interrupt handler started: it must complete them. */
    private final Set<Integer> owed = new LinkedHashSet<>();
    /** Once the kernel stops the dext, what is outstanding is the kernel's to complete: the rule no longer applies. */
    private boolean stopped;

    @Override
    public List<RuleId.Custom> rules() {
        return List.of(RULE);
    }

    @Override
    public void onEvent(ProtocolEvent e, Reporter reporter) {
        boolean onInterruptQueue = IODispatchQueue.INTERRUPT.equals(e.queue());
        if (stopped) {
            return;
        }
        if (e.payload() instanceof Payload.SyncTo call && call.block().equals("UserStopController")) {
            stopped = true;
        } else if (e.payload() instanceof Payload.Interrupt done) {
            finished.add(done.tag());
        } else if (e.payload() instanceof Payload.Complete c) {
            done(c.slots());
        } else if (e.payload() instanceof Payload.KernelCompletes k) {
            done(List.of(k.index())); // the kernel took the command back (abort, removal)
        } else if (e.payload() instanceof Payload.TaskManagement abort) {
            done(List.of(abort.slot())); // the kernel aborts it: the abort's answer ends it, not the handler
        } else if (e.payload() instanceof Payload.Timeout t) {
            done(List.of(t.index())); // the timeout came first: the handler had no chance to complete it
        } else if (e.payload() instanceof Payload.BlockBegin && onInterruptQueue) {
            owed.clear();
            owed.addAll(finished);
        } else if (e.payload() instanceof Payload.BlockEnd && onInterruptQueue) {
            for (int slot : owed) {
                reporter.violation(RULE, "the interrupt handler returned without completing slot " + slot
                        + ", which the hardware had finished before it ran", Subject.slot(slot));
            }
            finished.removeAll(owed); // reported once
            owed.clear();
        }
    }

    private void done(List<Integer> slots) {
        finished.removeAll(slots);
        owed.removeAll(slots); // a slot completed and finished again (reissued) is owed by the next handler run
    }
}
