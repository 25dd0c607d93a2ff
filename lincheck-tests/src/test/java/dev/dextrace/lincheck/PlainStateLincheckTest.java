package dev.dextrace.lincheck;

import dev.dextrace.model.catalogue.BundledPlainLocked;
import dev.dextrace.model.catalogue.PendingListUnlocked;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.ivars.Ivars;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lincheck (which instruments classes with its own agent) and dextrace's observed plain state
 * (dev.dextrace.model.ivars, which rewrites the driver's classes) work on the same design together.
 */
class PlainStateLincheckTest {
    /** A user's port that keeps an ArrayList of pending slots shared by two queues without a lock, and believes it correct. */
    @DriverDesign(name = "my-pending-list", path = DriverDesign.Path.BUNDLED, summary = "A user's driver, declared clean")
    static class MyPendingList extends PendingListUnlocked {
    }

    /**
     * That the two instrumentations coexist: one interleaving per scenario. The design's search at the full clean budget
     * is CatalogueLincheckTest's (bundled-plain-locked is a clean design of the catalogue).
     */
    @Test
    void anInstrumentedDesignWithLockedPlainStatePasses() {
        DextraceLincheck.check(BundledPlainLocked.class, 1);
        assertTrue(Ivars.isInstrumented(BundledPlainLocked.class), "the design's classes were rewritten");
    }

    @Test
    void plainStateSharedWithoutALockFailsTheCheckWithQ3AndItsSourceLines() {
        AssertionError e = assertThrows(AssertionError.class, () -> DextraceLincheck.check(MyPendingList.class, 10));
        assertTrue(e.getMessage().startsWith("my-pending-list is declared clean but violates Q-3"), e::getMessage);
        assertTrue(e.getMessage().contains("PendingListUnlocked.java:"), e::getMessage);
    }
}
