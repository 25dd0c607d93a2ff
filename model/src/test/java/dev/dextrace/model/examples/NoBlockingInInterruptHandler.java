package dev.dextrace.model.examples;

import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.monitor.Invariant;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.RuleId;

import java.util.List;

/**
 * A worked example of a team's own invariant (README, "Adding an invariant", shows this code): the
 * interrupt handler must never wait synchronously for another queue, because a completion stuck
 * behind Default is how a timeout storm starts. One class: a rule ID, and a check over the events'
 * typed payloads.
 */
public final class NoBlockingInInterruptHandler implements Invariant {
    public static final RuleId.Custom RULE = new RuleId.Custom("IRQ-1",
            "The interrupt queue never waits synchronously for another queue (DispatchSync).",
            "A completion waits behind Default: I/O stalls until the kernel's timeout (timeout storm).");

    @Override
    public List<RuleId.Custom> rules() {
        return List.of(RULE);
    }

    @Override
    public void onEvent(ProtocolEvent e, Reporter reporter) {
        if (e.payload() instanceof Payload.SyncTo sync && IODispatchQueue.INTERRUPT.equals(e.queue())) {
            reporter.violation(RULE, "the interrupt handler does sync to " + sync.queue() + " (" + sync.block() + ")");
        }
    }
}
