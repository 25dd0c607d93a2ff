package dev.dextrace.model;

import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.framework.Command;
import dev.dextrace.model.framework.FrameworkConfig;
import dev.dextrace.model.framework.SCSIUserParallelResponse;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.runtime.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a clear error naming the argument and its allowed range, and changes nothing. */
class BadInputTest {

    private static void rejects(Executable call, String... mustMention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mustMention) {
            assertTrue(e.getMessage().contains(m), () -> "message '" + e.getMessage() + "' should mention '" + m + "'");
        }
    }

    private static World world() {
        return World.builder(BundledRecommended::new).controlled(Strategy.runToCompletion()).build();
    }

    /** Nothing was issued, nothing is outstanding: the rejected call left no trace. (A malformed list of a dext is a rule: MalformedCallTest.) */
    private static void unchanged(World w) {
        assertTrue(w.framework().workDone());
        assertEquals(0, w.framework().outstanding());
        assertEquals(0, w.monitor().verdict("check").events().count(e -> e.kind() == EventKind.ISSUE));
    }

    @Test
    void zeroSlotsIsRejected() {
        rejects(() -> World.builder(() -> new BundledRecommended(0)).build(), "UserReportMaximumTaskCount", "1..65535", "was 0");
    }

    @Test
    void bundleCountOutside1To32IsRejected() {
        World w = world();
        rejects(() -> w.framework().issueBundle(new int[0], List.of()), "slotIndices count", "1..32", "was 0");
        int[] many = new int[33];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        rejects(() -> w.framework().issueBundle(many, Collections.nCopies(33, Command.testUnitReady(0))), "1..32", "was 33");
        unchanged(w);
    }

    @Test
    void indexAtOrBeyondNIsRejected() {
        World w = world();
        rejects(() -> w.issue(1, 4), "slotIndices[1]", "0..3", "N = 4", "was 4");
        rejects(() -> w.issue(-1), "slotIndices[0]", "was -1");
        unchanged(w);
    }

    @Test
    void duplicateIndicesAreRejected() {
        World w = world();
        rejects(() -> w.issue(2, 3, 2), "slotIndices[2] = 2", "duplicate");
        unchanged(w);
    }

    @Test
    void completionArgumentsAreCheckedBeforeAnythingHappens() {
        World w = world();
        w.framework().submit(List.of(Command.testUnitReady(0)));
        w.onThisThread();
        var action = w.driverKit().actions().get(0);
        rejects(() -> w.driver().BundledParallelTaskCompletion(null, new int[]{0}, 1), "completion must not be null");
        rejects(() -> w.driver().BundledParallelTaskCompletion(action, null, 1), "parallelResponseSlotIndices must not be null");
        rejects(() -> w.driver().ParallelTaskCompletion(null, SCSIUserParallelResponse.create()), "completion must not be null");
        assertEquals(0, w.monitor().verdict("check").events().count(e -> e.kind() == EventKind.COMPLETE));
    }

    @Test
    void negativeLatencyIsRejected() {
        rejects(() -> World.builder(BundledRecommended::new).latencyNanos(-5), "latencyNanos", ">= 0", "was -5");
    }

    @Test
    void senseLongerThan256BytesIsRejectedAndNotWritten() {
        SCSIUserParallelResponse r = SCSIUserParallelResponse.create();
        rejects(() -> r.senseData(new byte[257]), "sense length", "0..256", "was 257");
        assertEquals(0, r.fSenseLength());
        rejects(() -> r.senseData(null), "sense must not be null");
    }

    @Test
    void otherKnobsNameTheirRange() {
        rejects(() -> FrameworkConfig.defaults().withMaxBundle(33), "maxBundle", "1..32", "was 33");
        rejects(() -> new Command(0, new byte[3], 0, 0, 1), "cdb", "6..16", "was 3");
        rejects(() -> new Command(0, new byte[6], 0, 0, 0), "timeoutMillis", ">= 1", "was 0");
        rejects(() -> World.builder(BundledRecommended::new).maxEvents(0), "maxEvents", ">= 1");
        rejects(() -> dev.dextrace.model.catalogue.Catalogue.byName("no-such-design"), "no-such-design", "bundled-recommended");
        rejects(() -> dev.dextrace.model.scenario.Scenarios.byName("nope"), "nope", "completion-races-submission");
    }

    @DriverDesign(name = "misspelt-rule", path = DriverDesign.Path.BUNDLED, violates = "SLOT-9", summary = "test")
    static final class MisspeltRule extends BundledRecommended {
    }

    @DriverDesign(name = "misspelt-tolerated-rule", path = DriverDesign.Path.BUNDLED, violates = "SLOT-4", mayAlsoViolate = "ACT-9",
            summary = "test")
    static final class MisspeltToleratedRule extends BundledRecommended {
    }

    @Test
    void aDesignDeclaringAnUnknownRuleIsRefusedWhenLoadedNamingTheClassAndTheId() {
        rejects(() -> DesignEntry.of(MisspeltRule.class), MisspeltRule.class.getName(), "violates names 'SLOT-9'", "rules: SLOT-1, ");
        rejects(() -> DesignEntry.forClassName(MisspeltToleratedRule.class.getName()), MisspeltToleratedRule.class.getName(),
                "mayAlsoViolate names 'ACT-9'");
        rejects(() -> Catalogue.select(MisspeltRule.class.getName()), "'SLOT-9'");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DesignEntry.of(MisspeltRule.class));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aDesignDeclaringKnownRulesLoads() {
        DesignEntry d = DesignEntry.of(TestDesigns.TouchAfterStart.class);
        assertEquals(List.of("SLOT-5"), d.violates().toJavaList());
        assertEquals(Catalogue.all().size(), Catalogue.select("catalogue").size());
    }
}
