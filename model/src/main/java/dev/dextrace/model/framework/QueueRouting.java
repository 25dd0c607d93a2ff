package dev.dextrace.model.framework;

import dev.dextrace.model.driverkit.DriverKit;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.IOReturn;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which queue a framework-called method runs on: Default, unless QUEUENAME names a queue the dext registered. */
final class QueueRouting {
    private final DriverKit dk;
    private final Dext dext;
    private final IODispatchQueue defaultQueue;
    private final Map<String, IODispatchQueue> registered = new ConcurrentHashMap<>();

    QueueRouting(DriverKit dk, Dext dext, IODispatchQueue defaultQueue) {
        this.dk = dk;
        this.dext = dext;
        this.defaultQueue = defaultQueue;
    }

    IODispatchQueue defaultQueue() {
        return defaultQueue;
    }

    /** {@code SetDispatchQueue(name, queue)}: from now on QUEUENAME(name) methods run on queue. */
    int setDispatchQueue(String name, IODispatchQueue queue) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be a non-empty queue name");
        }
        if (queue == null) {
            throw new IllegalArgumentException("queue must not be null");
        }
        dk.event(new Payload.SetDispatchQueue(name));
        registered.put(name, queue);
        return IOReturn.kIOReturnSuccess;
    }

    /** The queue {@code method} runs on; redirecting an I/O Process method away from Default is filed. */
    IODispatchQueue route(String method) {
        String name = dext.queueNameOf(method);
        IODispatchQueue q = name == null ? null : registered.get(name);
        if (q == null) {
            return defaultQueue;
        }
        ProtocolEvent e = dk.event(new Payload.Routed(name, method));
        dk.monitor().violate(Rule.Q_1, method + " is redirected to queue " + name
                + " by QUEUENAME: the I/O Process methods must run on Default", e);
        return q;
    }
}
