package dev.dextrace.campaign;

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
 * declared rule and nothing on the correct design. What EngineMain adds around them (options, limits,
 * results files) is the engine modules' and the campaign's own tests.
 */
class EnginesTest {
    private static final Scenario SCENARIO = Scenarios.select("completion-races-submission").get(0);
    private static final DesignEntry WRONG = Catalogue.select("double-complete").get(0);
    private static final DesignEntry CORRECT = Catalogue.select("bundled-recommended").get(0);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jcstress", "lincheck", "controlled"})
    void eachEngineFindsTheWrongDesignsRuleAndNothingOnTheCorrectOne(String name, @TempDir Path out) {
        assertEquals(Set.of("jcstress", "lincheck", "controlled"), Engine.all().keySet(), "every engine module registers its engine");
        Engine engine = Engine.named(name);
        List<String> progress = new ArrayList<>();
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
        List<Engine.DesignResult> results = assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            try (Engine.Session session = engine.open(Budget.SMOKE, out, Map.of())) {
                return List.of(session.run(WRONG, List.of(SCENARIO), told), session.run(CORRECT, List.of(SCENARIO), told));
            }
        });

        Engine.DesignResult wrong = results.get(0);
        assertEquals(List.of(), wrong.problems());
        assertEquals(Results.Grade.AS_EXPECTED, wrong.design().verdict(), wrong.summary());
        assertEquals(List.of("SLOT-4"), wrong.design().engines().get(name).rules(), wrong.summary());
        assertTrue(wrong.design().findings().stream().allMatch(f -> f.rule().equals("SLOT-4") && f.engine().equals(name)),
                wrong.design().findings()::toString);

        Engine.DesignResult correct = results.get(1);
        assertEquals(List.of(), correct.problems());
        assertEquals(Results.Grade.AS_EXPECTED, correct.design().verdict(), correct.summary());
        assertTrue(correct.design().engines().get(name).ran());
        assertEquals(List.of(), correct.design().engines().get(name).rules(), correct.summary());
        assertTrue(correct.design().findings().isEmpty());
        assertFalse(progress.isEmpty(), "the engine reported progress");
    }
}
