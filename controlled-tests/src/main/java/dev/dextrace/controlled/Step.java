package dev.dextrace.controlled;

import dev.dextrace.model.monitor.ProtocolEvent;

/**
 * What one lane did between two decision points: the one event it recorded ({@code event}), nothing
 * the monitor sees ({@code silent}: a lane taking its next block or going idle), or several events or an
 * unseen end of run (neither: unknown, dependent on everything). {@code posts}: the step may have posted
 * work to a mailbox, which records no event (the scheduler was signalled during it).
 */
record Step(String lane, ProtocolEvent event, boolean silent, boolean posts) {
    static Step of(String lane, ProtocolEvent e, boolean posts) {
        return new Step(lane, e, false, posts);
    }

    static Step silent(String lane, boolean posts) {
        return new Step(lane, null, true, posts);
    }

    static Step unknown(String lane) {
        return new Step(lane, null, false, true);
    }
}
