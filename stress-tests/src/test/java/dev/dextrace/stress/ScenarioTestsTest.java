package dev.dextrace.stress;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import dev.dextrace.stress.fork.ForkConfig;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.runners.TestList;

import java.util.List;

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

    @Test
    void aForkWithoutAKnownScenarioSaysWhichThereAre() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ForkConfig.scenarios(null));
        assertTrue(none.getMessage().contains(ForkConfig.SCENARIOS) && none.getMessage().contains("completion-races-submission"), none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ForkConfig.scenarios("no-such-scenario"));
        assertTrue(unknown.getMessage().contains("no-such-scenario"), unknown.getMessage());
    }
}
