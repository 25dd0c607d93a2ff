package dev.dextrace.lincheck;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;
import dev.dextrace.model.scenario.Exploration;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * naming the rule, the slot or action, Lincheck's interleaving, the trace file and a replay command.
 *
 * <p>Lincheck rarely preempts a Process call at the one protocol event where a completion would have
 * to overtake it (see README.md, "What Lincheck does not reach"), so the check then runs the model's
 * controlled runtime over the same scenarios: every order with one preemption at a protocol event,
 * then seeded random orders. A rule only that pass shows is reported with its replay file.
 */
public final class DextraceLincheck {
    /** Interleavings explored per scenario by {@link #check(Class)}. */
    public static final int DEFAULT_INVOCATIONS = 100;
    /** Where traces and replay files go, relative to the working directory (a module's root under Maven). */
    public static final Path TRACES = Path.of("target", "lincheck-traces");
    /** The controlled runtime's pass: seeded orders after the one-preemption ones, and a cap on runs per scenario. */
    static final int CONTROLLED_SEEDS = 20;
    static final int CONTROLLED_RUNS = 200;

    private DextraceLincheck() {
    }

    public static DesignSearch.Report check(Class<? extends IOUserSCSIParallelInterfaceController> design) {
        return check(design, DEFAULT_INVOCATIONS);
    }

    /**
     * @param invocationsPerScenario interleavings Lincheck explores per scenario (and again after a catch)
     * @return what the searches showed, when nothing unforeseen did
     * @throws AssertionError naming each unforeseen rule and where it showed
     * @throws IllegalArgumentException if the class has no {@code @DriverDesign} annotation
     */
    public static DesignSearch.Report check(Class<? extends IOUserSCSIParallelInterfaceController> design, int invocationsPerScenario) {
        DesignEntry d = DesignEntry.of(design);
        DesignSearch.Report r = DesignSearch.run(d, Scenarios.forDesign(d).toJavaList(), invocationsPerScenario,
                DesignSearch.Goal.UNFORESEEN_ONLY, false, TRACES, x -> { });
        if (!r.unforeseen().isEmpty()) {
            String what = r.unforeseen().stream().map(rule -> describe(r.caught().get(rule))).collect(Collectors.joining("\n\n"));
            throw failure(d, r.unforeseen(), what);
        }
        Map<String, String> controlled = new TreeMap<>();
        for (Scenario s : Scenarios.forDesign(d)) {
            Exploration.explore(s, d, CONTROLLED_SEEDS, CONTROLLED_RUNS, seen -> false).firstByRule().forEach((rule, f) -> {
                if ((d.declaredClean() || !d.foresees(rule)) && !controlled.containsKey(rule)) {
                    controlled.put(rule, describe(d, s, f));
                }
            });
        }
        if (!controlled.isEmpty()) {
            throw failure(d, controlled.keySet(), String.join("\n\n", controlled.values()));
        }
        return r;
    }

    private static AssertionError failure(DesignEntry d, Set<String> rules, String what) {
        return new AssertionError(d.name() + (d.declaredClean() ? " is declared clean but violates " : " violates rules it does not foresee: ")
                + String.join(", ", rules) + "\n\n" + what);
    }

    /** A rule the controlled runtime showed: its replay file is the interleaving. */
    private static String describe(DesignEntry d, Scenario s, Exploration.Found f) {
        Path replay = TRACES.resolve(d.name()).resolve(s.name() + "-" + f.rule() + ".controlled.replay");
        try {
            f.replay().write(replay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DesignSearch.headline(f.verdict().first(f.rule()).get()) + "\n  under scenario " + s.name()
                + " (found by the controlled runtime, run " + f.run() + ", not by Lincheck)\n  replay: "
                + DesignSearch.replayCommand(replay) + "\n" + f.verdict().describe();
    }

    private static String describe(DesignSearch.Catch c) {
        return DesignSearch.headline(c.violation()) + "\n  under scenario " + c.scenario().name()
                + "\n  trace: " + c.traceFile() + "\n  replay: " + DesignSearch.replayCommand(c.replayFile())
                + "\n" + DesignSearch.interleaving(c.found().lincheckTrace());
    }
}
