package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driver.QUEUENAME;
import dev.dextrace.model.driverkit.CallScoped;
import dev.dextrace.model.driverkit.IODispatchQueue;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.SCSIUserParallelTask;

/**
 * The seed's attempt 1: {@code QUEUENAME(MyParallelIOQueue)} on UserProcessParallelTask, with a
 * reentrant queue of that name created and registered in UserInitializeController. Redirecting the
 * I/O method is unsupported; the call, delivered through an action that targets Default, ends
 * in a cycle of synchronous waits, and every command ends in a kernel timeout, as the machine
 * that panicked while the dext loaded.
 */
@DriverDesign(name = "attempt1-queuename", path = DriverDesign.Path.LEGACY, violates = {"Q-1", "Q-4"},
        summary = "Seed attempt 1: QUEUENAME on the legacy I/O method with a custom reentrant queue")
public class Attempt1QueueName extends LegacySerial {
    protected IODispatchQueue parallelIOQueue;

    @Override
    public int UserInitializeController() {
        int ret = super.UserInitializeController();
        parallelIOQueue = IODispatchQueue.Create("MyParallelIOQueue", IODispatchQueue.kIODispatchQueueReentrant, 0);
        SetDispatchQueue("MyParallelIOQueue", parallelIOQueue);
        return ret;
    }

    @Override
    @QUEUENAME("MyParallelIOQueue")
    public int UserProcessParallelTask(SCSIUserParallelTask parallelRequest, CallScoped<Integer> response, OSAction completion) {
        return super.UserProcessParallelTask(parallelRequest, response, completion);
    }
}
