package dev.dextrace.controlled;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.DoubleComplete;
import dev.dextrace.model.driver.DriverDesign;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one call a user makes from a JUnit test, on the controlled runtime: it can fail both ways. */
class DextraceControlledTest {
    /** A user's driver that believes it is correct but returns each slot twice. */
    @DriverDesign(name = "my-driver", path = DriverDesign.Path.BUNDLED, summary = "A user's driver, declared clean")
    static class MyDriver extends DoubleComplete {
    }

    /** Declares a rule the recommended design never breaks. */
    @DriverDesign(name = "claims-slot-4", path = DriverDesign.Path.BUNDLED, violates = "SLOT-4", summary = "declares a bug it has not")
    static class ClaimsSlot4 extends BundledRecommended {
    }

    @Test
    void aCorrectDesignPasses() {
        assertTrue(DextraceControlled.check(BundledRecommended.class).rules().isEmpty());
    }

    @Test
    void aDeclaredRuleShownPasses() {
        assertEquals(java.util.Set.of("SLOT-4"), DextraceControlled.check(DoubleComplete.class).rules());
    }

    @Test
    void aViolationTheDesignDoesNotForeseeFailsNamingTheRuleAndTheRun() {
        AssertionError e = assertThrows(AssertionError.class, () -> DextraceControlled.check(MyDriver.class));
        assertTrue(e.getMessage().startsWith("my-driver is declared clean but violates SLOT-4"), e::getMessage);
        assertTrue(e.getMessage().contains("SLOT-4 under "), e::getMessage);
    }

    @Test
    void aDeclaredRuleNotShownFailsSayingHowHardItLooked() {
        AssertionError e = assertThrows(AssertionError.class, () -> DextraceControlled.check(ClaimsSlot4.class));
        assertTrue(e.getMessage().startsWith("claims-slot-4 declares SLOT-4 but the search did not show it: "), e::getMessage);
        assertTrue(e.getMessage().contains("exhaustive up to 1 preemption"), e::getMessage);
    }
}
