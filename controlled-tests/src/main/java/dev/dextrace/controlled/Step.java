package dev.dextrace.controlled;

import dev.dextrace.model.monitor.ProtocolEvent;

/**
 * What one lane did between two decision points: the one event it recorded ({@code event}), nothing
 * that the monitor sees ({@code silent}: a lane waking up or going idle), or several events or an
 * unseen end of run (neither: unknown, dependent on everything).
 */
record Step(String lane, ProtocolEvent event, boolean silent) {
    static Step of(String lane, ProtocolEvent e) {
        return new Step(lane, e, false);
    }

    static Step silent(String lane) {
        return new Step(lane, null, true);
    }

    static Step unknown(String lane) {
        return new Step(lane, null, false);
    }
}
