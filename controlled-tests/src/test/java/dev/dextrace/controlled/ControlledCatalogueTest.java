package dev.dextrace.controlled;

import dev.dextrace.engine.Budget;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.QueueLanes;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine on every catalogue design: each wrong one shows exactly what it declares (and nothing it
 * does not foresee), each correct one stays clean after an exhaustive search, and every scenario says
 * how hard it was searched.
 */
class ControlledCatalogueTest {
    static Stream<DesignEntry> designs() {
        return Catalogue.all().toJavaStream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    @Execution(ExecutionMode.CONCURRENT)
    void meetsItsDeclaredExpectation(DesignEntry d) {
        ControlledSearch.Report r = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> ControlledSearch.run(d, Scenarios.all().toJavaList(), ControlledSearch.Budget.of(Budget.SMOKE), s -> { }));
        assertEquals(Results.Grade.AS_EXPECTED, Grading.grade(d, r.rules(), true),
                () -> d.name() + " declares " + d.violates() + " (may also " + d.mayAlsoViolate() + ") but showed " + r.rules()
                        + "\n" + r.statements());
        assertEquals(QueueLanes.inEveryMapping(d, Scenarios.forDesign(d).toJavaList()).size(), r.statements().size(),
                "one statement per scenario of the design's path and lane mapping its queues need");
        for (ControlledSearch.Statement s : r.statements()) {
            // a hung run is the finding of a design that declares HANG-1 (its scenario stops there), a failure anywhere else
            assertEquals(d.violates().contains("HANG-1") ? 1 : 0, s.hungRuns(), s::toString);
            if (d.declaredClean()) {
                // a correct design is searched to the end of the budget: the whole bound, then every PCT run
                assertTrue(s.complete(), s::toString);
                assertEquals(ControlledSearch.Budget.of(Budget.SMOKE).preemptions(), s.bound(), s::toString);
                assertEquals(ControlledSearch.Budget.of(Budget.SMOKE).pctRuns(), s.pctRuns(), s::toString);
                assertTrue(s.toString().startsWith("exhaustive up to 1 preemption: "), s::toString);
            }
        }
        r.firstByRule().values().forEach(f -> assertEquals(f.rule(), f.replay().expectedRule()));
    }

    @Test
    void scenariosAreSearchedRoundRobin() {
        // attempt2's Q-3 shows in every scenario at bound 0; its SLOT-5 and CMP-1 need a preemption. Round-robin
        // reaches bound 1 in the first scenario only after bound 0 of all the others, so Q-3 is first found in the first
        // scenario and the later scenarios stop at bound 0 once everything has shown. A scenario that chooses faults is
        // the exception: its runs with one fault cost what one preemption does and, being the cheapest of round 1, come
        // first in it, so it reaches bound 1 too.
        DesignEntry d = Catalogue.byName("attempt2-bundled-isr");
        ControlledSearch.Report r = ControlledSearch.run(d, Scenarios.all().toJavaList(), ControlledSearch.Budget.of(Budget.SMOKE), s -> { });
        List<Integer> bounds = r.statements().stream().map(ControlledSearch.Statement::bound).toList();
        List<Integer> expected = new ArrayList<>(r.statements().stream().map(s -> s.faultAssignments() > 1 ? 1 : 0).toList());
        assertTrue(expected.contains(1), "the scenarios include one that chooses faults");
        expected.set(0, 1);
        assertEquals(expected, bounds, r.statements()::toString);
        assertTrue(r.statements().stream().allMatch(s -> s.cut() == ControlledSearch.Cut.RULES_SHOWN), r.statements()::toString);
    }

    @Test
    void printsTheMedianTimeToFirstDetection() {
        // measured, not asserted (no timed unit tests): the figures go into the module README
        int repeats = 5;
        StringBuilder out = new StringBuilder("median time to first detection over " + repeats + " searches (smoke budget):\n");
        for (DesignEntry d : Catalogue.all().filter(x -> !x.declaredClean())) {
            java.util.Map<String, List<Long>> millis = new java.util.TreeMap<>();
            java.util.Map<String, Integer> run = new java.util.TreeMap<>();
            for (int i = 0; i < repeats; i++) {
                ControlledSearch.Report r = ControlledSearch.run(d, Scenarios.all().toJavaList(), ControlledSearch.Budget.of(Budget.SMOKE), s -> { });
                assertNotNull(r.firstDetectionMillis(), d.name());
                r.firstByRule().values().forEach(f -> {
                    millis.computeIfAbsent(f.rule(), x -> new ArrayList<>()).add(f.millisFromDesignStart());
                    run.put(f.rule(), f.run());
                });
            }
            millis.forEach((rule, ms) -> {
                ms.sort(Long::compare);
                out.append(String.format("  %-28s %-6s %4d ms (at run %d of the search)%n", d.name(), rule, ms.get(ms.size() / 2), run.get(rule)));
            });
        }
        System.out.print(out);
        assertFalse(out.isEmpty());
    }
}
