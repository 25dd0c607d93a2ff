package dev.dextrace.model.monitor;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.BundledRecommended;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.DriverDesign;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.examples.NoBlockingInInterruptHandler;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Invariants registered once (on the design, or for the project through ServiceLoader) run in every world a
 * scenario builds for the design; a registration mistake is one line naming the class and the problem.
 */
class InvariantRegistrationTest {

    /** Hands every completion to Default synchronously from the interrupt handler: breaks IRQ-1. */
    @DriverDesign(name = "sync-to-default", path = DriverDesign.Path.BUNDLED, violates = "IRQ-1",
            invariants = NoBlockingInInterruptHandler.class, summary = "the interrupt handler waits for Default")
    public static final class SyncToDefault extends BundledRecommended {
        @Override
        protected void InterruptOccurred() {
            DefaultQueue().DispatchSync(super::InterruptOccurred);
        }
    }

    @DriverDesign(name = "recommended-with-irq-1", path = DriverDesign.Path.BUNDLED,
            invariants = NoBlockingInInterruptHandler.class, summary = "the correct design, with the invariant")
    public static final class RecommendedWithInvariant extends BundledRecommended {
    }

    @DriverDesign(name = "typo", path = DriverDesign.Path.BUNDLED, violates = "IRQ-2",
            invariants = NoBlockingInInterruptHandler.class, summary = "names a rule no invariant declares")
    public static final class Typo extends BundledRecommended {
    }

    /** An invariant that tries to take over a protocol rule's ID. */
    public static final class ClaimsSlot1 implements Invariant {
        @Override
        public List<RuleId.Custom> rules() {
            return List.of(new RuleId.Custom("SLOT-1", "mine now"));
        }

        @Override
        public void onEvent(ProtocolEvent event, Reporter reporter) {
        }
    }

    @DriverDesign(name = "collides", path = DriverDesign.Path.BUNDLED, invariants = ClaimsSlot1.class, summary = "x")
    public static final class Collides extends BundledRecommended {
    }

    /** Has state to start from, so it has no no-argument constructor. */
    public static final class NeedsArgument implements Invariant {
        public NeedsArgument(int limit) {
            assertTrue(limit >= 0);
        }

        @Override
        public List<RuleId.Custom> rules() {
            return List.of(new RuleId.Custom("ARG-1", "x"));
        }

        @Override
        public void onEvent(ProtocolEvent event, Reporter reporter) {
        }
    }

    @DriverDesign(name = "needs-argument", path = DriverDesign.Path.BUNDLED, invariants = NeedsArgument.class, summary = "x")
    public static final class WithArgumentInvariant extends BundledRecommended {
    }

    /** Files a rule it does not declare. */
    public static final class Undeclared implements Invariant {
        @Override
        public List<RuleId.Custom> rules() {
            return List.of(new RuleId.Custom("MINE-1", "declared"));
        }

        @Override
        public void onEvent(ProtocolEvent event, Reporter reporter) {
            reporter.violation(new RuleId.Custom("MINE-2", "not declared"), "filed anyway");
        }
    }

    private static Verdict run(DesignEntry design, Scenario scenario) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            World w = scenario.loadWithoutPreemption(design);
            return w.run(Duration.ofSeconds(10));
        });
    }

    @Test
    void aDesignsInvariantRunsInEveryWorldAScenarioBuildsForIt() {
        DesignEntry d = DesignEntry.of(SyncToDefault.class, List.of());
        assertEquals(List.of(NoBlockingInInterruptHandler.RULE), d.customRules());
        Verdict v = run(d, Scenarios.COMPLETION_RACES_SUBMISSION);
        assertTrue(v.rules().contains("IRQ-1"), v::describe);
    }

    @Test
    void aCorrectDesignWithTheInvariantStaysSilent() {
        Verdict v = run(DesignEntry.of(RecommendedWithInvariant.class, List.of()), Scenarios.COMPLETION_RACES_SUBMISSION);
        assertTrue(v.isClean(), v::describe);
    }

    @Test
    void aDesignWithoutTheInvariantDoesNotFileItsRule() {
        Verdict v = run(DesignEntry.of(BundledRecommendedPlain.class, List.of()), Scenarios.COMPLETION_RACES_SUBMISSION);
        assertFalse(v.rules().contains("IRQ-1"), v::describe);
    }

    @DriverDesign(name = "plain", path = DriverDesign.Path.BUNDLED, summary = "no invariant")
    public static final class BundledRecommendedPlain extends BundledRecommended {
        @Override
        protected void InterruptOccurred() {
            DefaultQueue().DispatchSync(super::InterruptOccurred); // breaks IRQ-1, which nothing checks here
        }
    }

    @Test
    void aMisspeltRuleIdIsOneLineNamingTheClassTheIdAndTheKnownRules() {
        String m = loadError(Typo.class);
        assertTrue(m.contains(Typo.class.getName()) && m.contains("'IRQ-2'") && m.contains("SLOT-1") && m.contains("IRQ-1"), m);
    }

    @Test
    void aCustomRuleWithAProtocolRulesIdIsRefused() {
        String m = loadError(Collides.class);
        assertTrue(m.contains(Collides.class.getName()) && m.contains(ClaimsSlot1.class.getName()) && m.contains("SLOT-1")
                && m.contains("protocol rule"), m);
    }

    @Test
    void anInvariantWithoutANoArgumentConstructorIsRefused() {
        String m = loadError(WithArgumentInvariant.class);
        assertTrue(m.contains(NeedsArgument.class.getName()) && m.contains("no-argument constructor"), m);
    }

    @Test
    void aRuleIdIsSpeltLikeTheProtocols() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RuleId.Custom("hw 1", "x"));
        assertTrue(e.getMessage().contains("'hw 1'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RuleId.Custom("HW-1", " "), "a rule needs a meaning");
    }

    @Test
    void anInvariantFilesOnlyWhatItDeclares() {
        ProtocolMonitor m = new ProtocolMonitor(new EventSite() {
            @Override
            public void switchPoint() {
            }

            @Override
            public String currentLane() {
                return "test";
            }

            @Override
            public String currentQueue() {
                return null;
            }
        }, List.of(new Undeclared()), 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.record(new Payload.Fault(Rule.EXC_1, "any event")));
        assertTrue(e.getMessage().contains(Undeclared.class.getName()) && e.getMessage().contains("MINE-2"), e.getMessage());
    }

    @Test
    void theProjectsInvariantsComeFromItsServiceFileAndRunOnEveryDesign(@TempDir Path dir) throws IOException {
        List<RegisteredInvariant> project = project(dir, NoBlockingInInterruptHandler.class.getName());
        assertEquals(List.of(NoBlockingInInterruptHandler.class), project.stream().map(RegisteredInvariant::type).toList());
        DesignEntry d = DesignEntry.of(BundledRecommendedPlain.class, project);
        assertEquals(List.of(NoBlockingInInterruptHandler.RULE), d.customRules());
        assertTrue(run(d, Scenarios.COMPLETION_RACES_SUBMISSION).rules().contains("IRQ-1"));
        assertEquals(1, DesignEntry.of(SyncToDefault.class, project).invariants().size(), "registered on both: run once");
    }

    @Test
    void aBadServiceFileIsOneLine(@TempDir Path dir) throws IOException {
        String m = assertThrows(IllegalArgumentException.class, () -> project(dir, "com.example.Missing")).getMessage();
        assertTrue(m.contains(RegisteredInvariant.SERVICE_FILE) && m.contains("com.example.Missing"), m);
        assertEquals(1, m.lines().count(), m);
        String n = assertThrows(IllegalArgumentException.class, () -> project(dir, NeedsArgument.class.getName())).getMessage();
        assertTrue(n.contains(NeedsArgument.class.getName()), n);
    }

    /** The project's invariants as a class loader with this service file sees them. */
    private static List<RegisteredInvariant> project(Path dir, String listed) throws IOException {
        Path file = dir.resolve(RegisteredInvariant.SERVICE_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# the project's invariants\n" + listed + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{dir.toUri().toURL()}, InvariantRegistrationTest.class.getClassLoader())) {
            return RegisteredInvariant.project(loader);
        }
    }

    private static String loadError(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        String m = assertThrows(IllegalArgumentException.class, () -> DesignEntry.of(design, List.of())).getMessage();
        assertEquals(1, m.lines().count(), m);
        return m;
    }
}
