package dev.dextrace.model.examples;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.driverkit.OSAction;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invariant's one test: it fires on a design that breaks it and stays silent on the correct one. */
class NoBlockingInInterruptHandlerTest {

    /** Hands every completion to Default synchronously from the interrupt handler. */
    static final class SyncToDefault extends BundledRecommended {
        @Override
        protected void InterruptOccurred() {
            DefaultQueue().DispatchSync(super::InterruptOccurred);
        }
    }

    private static Verdict run(java.util.function.Supplier<? extends BundledRecommended> driver) {
        World w = World.builder(driver).invariant(NoBlockingInInterruptHandler::new).controlled(Strategy.runToCompletion()).build();
        w.submit(Command.testUnitReady(0), Command.testUnitReady(1));
        return w.run(Duration.ofSeconds(10));
    }

    @Test
    void firesOnAnInterruptHandlerThatWaitsForDefault() {
        Verdict v = run(SyncToDefault::new);
        assertEquals("IRQ-1", v.outcome(), v::describe);
        assertTrue(v.violations().head().message().contains("sync to Default"));
    }

    @Test
    void staysSilentOnTheRecommendedDesign() {
        assertTrue(run(BundledRecommended::new).isClean());
    }
}
