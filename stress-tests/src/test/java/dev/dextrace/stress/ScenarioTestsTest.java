package dev.dextrace.stress;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import dev.dextrace.model.results.Grading;
import dev.dextrace.stress.fork.ForkConfig;
import dev.dextrace.stress.fork.ScenarioOutcome;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.StateCase;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.runners.TestList;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jcstress knows the one scenario test; every scenario, in any lane mapping, reaches a fork by its option (CampaignTest runs them). */
class ScenarioTestsTest {
    @Test
    void jcstressKnowsExactlyTheOneTwoActorScenarioTest() {
        assertEquals(List.of(JcstressEngine.TEST), List.copyOf(TestList.tests()),
                "one jcstress class serves every scenario (a fork's -D" + ForkConfig.SCENARIOS + " says which)");
        assertEquals(2, TestList.getInfo(JcstressEngine.TEST).threads(), "submitter and completer actors");
    }

    @Test
    void everyScenarioInEveryMappingReadsBackFromItsForkOption() {
        for (Scenario s : Scenarios.all()) {
            List<Scenario> mappings = List.of(s, s.inLaneMapping(new LaneMapping("cc")));
            String option = ForkConfig.scenariosOption(mappings);
            assertTrue(option.startsWith("-D" + ForkConfig.SCENARIOS + "="), option);
            List<Scenario> read = ForkConfig.scenarios(option.substring(option.indexOf('=') + 1));
            assertEquals(mappings.stream().map(Scenario::name).toList(), read.stream().map(Scenario::name).toList());
            assertEquals(new LaneMapping("cc"), read.get(1).laneMapping());
        }
    }

    /** A fork samples several scenarios: each outcome names its scenario, and jcstress grades it by the grading alone. */
    @Test
    void jcstressGradesAnOutcomeOfAnyScenarioByItsGrading() {
        String scenario = Scenarios.all().head().inLaneMapping(new LaneMapping("cc")).name();
        Map<String, Expect> expected = Map.of(Grading.CLEAN, Expect.ACCEPTABLE, Grading.EXPECTED + "CMP-1,SLOT-5", Expect.ACCEPTABLE_INTERESTING,
                Grading.UNEXPECTED + "SLOT-3", Expect.FORBIDDEN);
        expected.forEach((outcome, expect) -> {
            String counted = new ScenarioOutcome(scenario, outcome).toString();
            assertEquals(new ScenarioOutcome(scenario, outcome), ScenarioOutcome.parse(counted));
            List<Expect> matched = TestList.getInfo(JcstressEngine.TEST).cases().stream().filter(c -> c.matches(counted)).map(StateCase::expect).toList();
            assertEquals(List.of(expect), matched, counted);
        });
        assertTrue(TestList.getInfo(JcstressEngine.TEST).cases().stream().noneMatch(c -> c.matches(Grading.CLEAN)),
                "an outcome without its scenario is no outcome of this version's forks");
        assertThrows(IllegalArgumentException.class, () -> ScenarioOutcome.parse(Grading.CLEAN));
    }

    @Test
    void aForkWithoutAKnownScenarioSaysWhichThereAre() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ForkConfig.scenarios(null));
        assertTrue(none.getMessage().contains(ForkConfig.SCENARIOS) && none.getMessage().contains("completion-races-submission"), none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ForkConfig.scenarios("no-such-scenario"));
        assertTrue(unknown.getMessage().contains("no-such-scenario"), unknown.getMessage());
    }
}
