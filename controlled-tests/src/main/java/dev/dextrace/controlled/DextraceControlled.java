package dev.dextrace.controlled;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.scenario.Scenarios;

import java.util.stream.Collectors;

/**
 * Checks a driver design on the controlled runtime from a JUnit test, in about a second:
 * <pre>{@code
 * @Test
 * void myDriverKeepsTheProtocol() {
 *     DextraceControlled.check(MyDriver.class);
 * }
 * }</pre>
 * Every interleaving of every scenario of the design's path with at most one preemption (partial-order
 * reduced), then PCT runs. Fails, as {@code DextraceLincheck.check} does, on a rule the design's
 * {@code @DriverDesign} does not foresee and on a declared rule the search did not show; the message says
 * how hard it looked.
 */
public final class DextraceControlled {
    private DextraceControlled() {
    }

    public static ControlledSearch.Report check(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        return check(design, ControlledSearch.Budget.of(dev.dextrace.engine.Budget.SMOKE));
    }

    /**
     * @return what the search showed, when it is what the design declares
     * @throws AssertionError naming each unforeseen rule and where it showed, or each declared rule not shown
     */
    public static ControlledSearch.Report check(Class<? extends IOUserSCSIParallelInterfaceController> design, ControlledSearch.Budget budget) {
        DesignEntry d = DesignEntry.of(design);
        ControlledSearch.Report r = ControlledSearch.run(d, Scenarios.forDesign(d).toJavaList(), budget, s -> { });
        d.assertShown(r.rules(), r.runs() + " runs over " + r.statements().size() + " scenario searches ("
                        + r.statements().stream().map(s -> s.scenario() + ": " + s).collect(Collectors.joining("; ")) + ")",
                rule -> {
                    ControlledSearch.Found f = r.firstByRule().get(rule);
                    return rule + " under " + f.scenario().name() + " in run " + f.run() + "\n" + f.verdict().describe();
                });
        return r;
    }
}
