package dev.dextrace.bench;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.hardware.HbaCompletion;

/**
 * {@link BundledRecommended} with its completions spread over {@code queues} completion queues of
 * its own, for the scale study's "number of queues" series: the interrupt handler drains the
 * completion ring and hands each finished command to {@code CompletionQueue<tag % queues>} with a
 * {@code DispatchAsync} hop; that block takes the slot's action from the per-slot table (under the
 * lock, as the base class does), fills the response, completes the one slot and releases the
 * action. Test-only (a benchmark workload), declared clean.
 */
@DriverDesign(name = "bench-multi-queue", path = DriverDesign.Path.BUNDLED,
        summary = "bundled-recommended whose interrupt handler hands each completion to one of several completion queues")
public class MultiQueueRecommended extends BundledRecommended {
    public static final String QUEUE_PREFIX = "CompletionQueue";

    private final int queues;
    private IODispatchQueue[] completionQueues;

    /**
     * @param slots  the task count the dext reports
     * @param queues completion queues besides Default and InterruptQueue, 1 or more
     */
    public MultiQueueRecommended(int slots, int queues) {
        super(slots);
        if (queues < 1) {
            throw new IllegalArgumentException("queues must be >= 1, was " + queues);
        }
        this.queues = queues;
    }

    public int queues() {
        return queues;
    }

    @Override
    public int UserInitializeController() {
        int kr = super.UserInitializeController();
        completionQueues = new IODispatchQueue[queues];
        for (int i = 0; i < queues; i++) {
            completionQueues[i] = IODispatchQueue.Create(QUEUE_PREFIX + i, 0, 0);
        }
        return kr;
    }

    @Override
    protected void InterruptOccurred() {
        HbaCompletion done;
        while ((done = GetProvider().pollCompletion()) != null) {
            HbaCompletion d = done;
            completionQueues[d.tag() % queues].DispatchAsync(() -> complete(d));
        }
    }
}
