package dev.dextrace.campaign;

import dev.dextrace.campaign.fixtures.CompletesOnDefault;
import dev.dextrace.campaign.fixtures.RecommendedWithTeamRule;
import dev.dextrace.engine.Budget;
import dev.dextrace.engine.Engine;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three engines through the one interface, in this JVM, at the smoke budget: each finds the wrong design's
 * declared rule and nothing on the correct design, and runs a design's own invariant. What EngineMain adds around them (options, limits,
 * results files) is the engine modules' and the campaign's own tests.
 */
class EnginesTest {
    private static final Scenario SCENARIO = Scenarios.select("completion-races-submission").get(0);
    private static final DesignEntry WRONG = Catalogue.select("double-complete").get(0);
    private static final DesignEntry CORRECT = Catalogue.select("bundled-recommended").get(0);
    /** A design that breaks its own invariant's ISR-1 and no protocol rule; the correct design under the same invariant. */
    private static final DesignEntry BREAKS_ISR_1 = DesignEntry.of(CompletesOnDefault.class);
    private static final DesignEntry KEEPS_ISR_1 = DesignEntry.of(RecommendedWithTeamRule.class);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jcstress", "lincheck", "controlled"})
    void eachEngineFindsTheWrongDesignsRuleAndNothingOnTheCorrectOne(String name, @TempDir Path out) {
        assertEquals(Set.of("jcstress", "lincheck", "controlled"), Engine.all().keySet(), "every engine module registers its engine");
        List<String> progress = new ArrayList<>();
        List<Engine.DesignResult> results = run(name, out, progress, WRONG, CORRECT);

        Engine.DesignResult wrong = results.get(0);
        assertEquals(List.of(), wrong.problems());
        assertEquals(Results.Grade.AS_EXPECTED, wrong.design().verdict(), wrong.summary());
        assertEquals(List.of("SLOT-4"), wrong.design().engines().get(name).rules(), wrong.summary());
        assertTrue(wrong.design().findings().stream().allMatch(f -> f.rule().equals("SLOT-4") && f.engine().equals(name)),
                wrong.design().findings()::toString);

        assertClean(name, results.get(1));
        assertFalse(progress.isEmpty(), "the engine reported progress");
    }

    /** No engine-specific code runs an invariant: each engine builds its worlds with Scenario.builder, which adds it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jcstress", "lincheck", "controlled"})
    void eachEngineRunsADesignsOwnInvariant(String name, @TempDir Path out) {
        List<Engine.DesignResult> results = run(name, out, new ArrayList<>(), BREAKS_ISR_1, KEEPS_ISR_1);

        Engine.DesignResult broken = results.get(0);
        assertEquals(List.of(), broken.problems());
        assertEquals(Results.Grade.AS_EXPECTED, broken.design().verdict(), broken.summary());
        assertEquals(List.of("ISR-1"), broken.design().engines().get(name).rules(), broken.summary());
        assertClean(name, results.get(1));
    }

    private static void assertClean(String engine, Engine.DesignResult correct) {
        assertEquals(List.of(), correct.problems());
        assertEquals(Results.Grade.AS_EXPECTED, correct.design().verdict(), correct.summary());
        assertTrue(correct.design().engines().get(engine).ran());
        assertEquals(List.of(), correct.design().engines().get(engine).rules(), correct.summary());
        assertTrue(correct.design().findings().isEmpty());
    }

    /** Each design through one session of the engine, on the one scenario, at the smoke budget. */
    private static List<Engine.DesignResult> run(String name, Path out, List<String> progress, DesignEntry... designs) {
        Engine.Progress told = new Engine.Progress() {
            @Override
            public void accept(String line) {
                progress.add(line);
            }

            @Override
            public boolean stopping() {
                return false;
            }
        };
        return assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            try (Engine.Session session = Engine.named(name).open(Budget.SMOKE, out, Map.of())) {
                List<Engine.DesignResult> done = new ArrayList<>();
                for (DesignEntry d : designs) {
                    done.add(session.run(d, List.of(SCENARIO), told));
                }
                return done;
            }
        });
    }
}
