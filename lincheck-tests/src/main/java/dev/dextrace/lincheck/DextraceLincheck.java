package dev.dextrace.lincheck;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.scenario.QueueLanes;
import dev.dextrace.model.scenario.Scenarios;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Checks a driver design under every scenario of its path with Lincheck, from a JUnit test:
 * <pre>{@code
 * @Test
 * void myDriverKeepsTheProtocol() {
 *     DextraceLincheck.check(MyDriver.class);
 * }
 * }</pre>
 * The design's {@code @DriverDesign} annotation says what to expect: a violation of a rule it does not
 * foresee (on a design declared clean: any violation) fails the check with an {@link AssertionError}
 * naming the rule, the slot or action, Lincheck's interleaving, the trace file and a replay command (the
 * search that shows the first such rule ends the check: it fails whatever the other scenarios show); so
 * does a rule it declares and the search did not show, naming the scenarios and how much was searched.
 */
public final class DextraceLincheck {
    /** Interleavings explored per scenario by {@link #check(Class)}. */
    public static final int DEFAULT_INVOCATIONS = 100;
    /** Where traces and replay files go, relative to the working directory (a module's root under Maven). */
    public static final Path TRACES = Path.of("target", "lincheck-traces");

    private DextraceLincheck() {
    }

    public static DesignSearch.Report check(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        return check(design, DEFAULT_INVOCATIONS);
    }

    /**
     * @param invocationsPerScenario interleavings Lincheck explores per scenario (and again after a catch)
     * @return what the searches showed, when it is what the design declares
     * @throws AssertionError naming each unforeseen rule and where it showed, or each declared rule not shown
     * @throws IllegalArgumentException if the class has no {@code @DriverDesign} annotation
     */
    public static DesignSearch.Report check(Class<? extends IOUserSCSIParallelInterfaceController> design, int invocationsPerScenario) {
        DesignEntry d = DesignEntry.of(design);
        DesignSearch.Report r = DesignSearch.run(d, QueueLanes.inEveryMapping(d, Scenarios.forDesign(d).toJavaList()), invocationsPerScenario,
                DesignSearch.Goal.EXPECTED_RULES, DesignSearch.Stop.FIRST_UNFORESEEN, TRACES, x -> { });
        d.assertShown(r.rules(), r.searches().size() + " searches over " + r.searches().stream().map(x -> x.scenario().name()).distinct()
                .collect(Collectors.joining(", ")) + ", " + r.invocations() + " interleavings (" + invocationsPerScenario + " per search)",
                rule -> describe(r.caught().get(rule)));
        return r;
    }

    private static String describe(DesignSearch.Catch c) {
        return DesignSearch.headline(c.violation()) + "\n  under scenario " + c.scenario().name()
                + "\n  trace: " + c.traceFile() + "\n  replay: " + DesignSearch.replayCommand(c.replayFile())
                + "\n" + DesignSearch.interleaving(c.found().lincheckTrace());
    }
}
