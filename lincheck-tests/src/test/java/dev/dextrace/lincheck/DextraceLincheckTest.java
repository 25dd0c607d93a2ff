package dev.dextrace.lincheck;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.DoubleComplete;
import dev.dextrace.model.driver.DriverDesign;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one call a user makes from a JUnit test. */
class DextraceLincheckTest {
    /** A user's driver that believes it is correct but returns each slot twice. */
    @DriverDesign(name = "my-driver", path = DriverDesign.Path.BUNDLED, summary = "A user's driver, declared clean")
    static class MyDriver extends DoubleComplete {
    }

    // A correct design passing the check: CatalogueLincheckTest runs every clean design of the catalogue through it.

    @Test
    void aViolationTheDesignDoesNotForeseeFailsNamingTheRule() {
        AssertionError e = assertThrows(AssertionError.class, () -> DextraceLincheck.check(MyDriver.class, 10));
        assertTrue(e.getMessage().startsWith("my-driver is declared clean but violates SLOT-4"), e::getMessage);
        assertTrue(e.getMessage().contains("SLOT-4 on slot ") && e.getMessage().contains("replay: mvn"), e::getMessage);
    }

    /**
     * Declares a rule the recommended design never breaks: the check must say it was not shown. Whether the search
     * could show it does not depend on the budget (the design never breaks it), so the smallest that still differs from 1.
     */
    @DriverDesign(name = "claims-slot-4", path = DriverDesign.Path.BUNDLED, violates = "SLOT-4", summary = "declares a bug it has not")
    static class ClaimsSlot4 extends BundledRecommended {
    }

    @Test
    void aDeclaredRuleNotShownFailsNamingTheRuleTheScenariosAndTheSearch() {
        AssertionError e = assertThrows(AssertionError.class, () -> DextraceLincheck.check(ClaimsSlot4.class, 2));
        assertTrue(e.getMessage().startsWith("claims-slot-4 declares SLOT-4 but the search did not show it"), e::getMessage);
        assertTrue(e.getMessage().contains("completion-races-submission") && e.getMessage().contains("interleavings (2 per search)"),
                e::getMessage);
    }

    @Test
    void aDeclaredRuleShownPasses() {
        assertTrue(DextraceLincheck.check(DoubleComplete.class, 10).rules().contains("SLOT-4"));
    }

    @Test
    void aClassWithoutTheAnnotationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DextraceLincheck.check(Unannotated.class));
        assertTrue(e.getMessage().contains("@DriverDesign"), e::getMessage);
    }

    static class Unannotated extends BundledRecommended {
    }
}
