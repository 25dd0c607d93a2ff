package dev.dextrace.model;

import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.monitor.Events;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Test helper: one run on the controlled runtime, one lane per queue, in the order a strategy picks. */
final class Scripted {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Scripted() {
    }

    static Verdict run(Supplier<? extends IOUserSCSIParallelInterfaceController> driver, FrameworkConfig config,
                       Consumer<World> workload, Strategy strategy) {
        World w = World.builder(driver).config(config).controlled(strategy).build();
        workload.accept(w);
        return w.run(TIMEOUT);
    }

    static Verdict run(Supplier<? extends IOUserSCSIParallelInterfaceController> driver, Consumer<World> workload, Strategy strategy) {
        return run(driver, FrameworkConfig.defaults(), workload, strategy);
    }

    /** n TEST UNIT READY commands. */
    static Consumer<World> tur(int n) {
        return w -> {
            Command[] c = new Command[n];
            java.util.Arrays.fill(c, Command.testUnitReady(0));
            w.submit(c);
        };
    }

    /** Default runs until it starts the hardware for slot 0; then the interrupt queue completes it; then the rest. */
    static Strategy.Script completionBeforeProcessReturns() {
        return Strategy.script()
                .run("Default", Events.hardwareStart(0))
                .run("InterruptQueue", Events.complete(0));
    }
}
