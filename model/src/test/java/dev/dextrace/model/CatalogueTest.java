package dev.dextrace.model;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.replay.Exploration;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every catalogue design, in every scenario that applies to it, on the controlled runtime with
 * seeded orders: each wrong design shows every rule it declares and nothing it does not foresee;
 * each correct design stays clean.
 */
class CatalogueTest {
    static final int SEEDS = 40;

    static Stream<DesignEntry> designs() {
        return Catalogue.all().toJavaStream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    @Execution(ExecutionMode.CONCURRENT)
    void designMeetsItsDeclaredExpectation(DesignEntry d) {
        Set<String> found = new TreeSet<>();
        StringBuilder why = new StringBuilder();
        for (Scenario s : Scenarios.forDesign(d)) {
            // a correct design gets the whole budget; a wrong one may stop once it showed everything it declares
            Exploration.Result r = Exploration.explore(s, d, SEEDS, 400,
                    seen -> !d.declaredClean() && seen.containsAll(d.violates().toJavaSet()) && found.containsAll(d.violates().toJavaSet()));
            r.firstByRule().values().forEach(f -> {
                // the time to first detection per design, scenario and rule, for BENCHMARKS.md
                System.out.printf("exploration: %s / %s: %s after %d ms (run %d)%n", d.name(), s.name(), f.rule(), f.millisToFind(), f.run());
                if (why.length() < 4000) {
                    why.append(s.name()).append(" run ").append(f.run()).append(": ").append(f.verdict().describe()).append('\n');
                }
            });
            found.addAll(r.firstByRule().keySet());
        }
        assertEquals(Results.Grade.AS_EXPECTED, Grading.grade(d, found, true),
                () -> d.name() + " declares " + d.violates() + " (may also " + d.mayAlsoViolate() + ") but showed " + found + "\n" + why);
    }

    @Test
    void theCatalogueHasTheFiveSeedDesignsAndMore() {
        Set<String> names = Catalogue.all().map(DesignEntry::name).toJavaSet();
        assertTrue(names.containsAll(Set.of("legacy-serial", "attempt1-queuename", "attempt2-bundled-isr", "attempt3-wrapper",
                "bundled-recommended", "bundled-mixed-completion")), names::toString);
        assertEquals(37, Catalogue.all().size(), names::toString);
        assertTrue(names.containsAll(Set.of("spinning-process", "iolock-abba-deadlock", "throwing-interrupt-handler")), names::toString);
        for (String family : new String[]{"SLOT", "ACT", "Q", "CMP", "HANG", "EXC"}) {
            assertTrue(Catalogue.all().exists(d -> !Set.of("attempt1-queuename", "attempt2-bundled-isr", "attempt3-wrapper").contains(d.name())
                    && d.violates().exists(r -> r.startsWith(family + "-"))), "an extra wrong design for the " + family + " family");
        }
        assertFalse(Catalogue.all().groupBy(DesignEntry::name).exists(t -> t._2.size() > 1), "design names are unique");
    }
}
