package ${package};

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Events;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Your invariant's own test, on one scripted ordering: the hardware finishes slot 0 while Process is still between
 * starting it and marking it in flight, and the interrupt handler runs to its end right then. It fires on MyDext,
 * which drops that completion, and stays silent on dextrace's recommended design, which completes it.
 */
class FinishedCommandsCompleteTest {

    private static Verdict interruptOvertakesTheSubmitLoop(Supplier<? extends IOUserSCSIParallelInterfaceController> driver) {
        World w = World.builder(driver).invariant(FinishedCommandsComplete::new)
                .controlled(Strategy.script()
                        .run("Default", Events.hardwareStart(0))                   // Process starts slot 0 ...
                        .run("InterruptQueue", Events.kind(EventKind.BLOCK_END))) // ... the handler runs before it marks it
                .build();
        w.submit(Command.testUnitReady(0), Command.testUnitReady(1));
        return w.run(Duration.ofSeconds(10));
    }

    @Test
    void firesWhenTheInterruptHandlerDropsAFinishedCommand() {
        Verdict v = interruptOvertakesTheSubmitLoop(MyDext::new);
        assertTrue(v.rules().contains(FinishedCommandsComplete.RULE.id()), v::describe);
        assertTrue(v.first("DEXT-1").get().message().contains("slot 0"), v::describe);
    }

    @Test
    void staysSilentOnADesignThatCompletesIt() {
        Verdict v = interruptOvertakesTheSubmitLoop(BundledRecommended::new);
        assertFalse(v.rules().contains(FinishedCommandsComplete.RULE.id()), v::describe);
    }
}
