package dev.dextrace.stress;

import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import dev.dextrace.stress.scenarios.ScenarioTests;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.runners.TestList;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScenarioTestsTest {
    @Test
    void everyScenarioHasExactlyOneTwoActorJcstressTest() {
        Set<String> expected = Scenarios.all().toJavaStream().map(ScenarioTests::className).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, new TreeSet<>(TestList.tests()),
                "one jcstress class per model scenario, named after it (a new scenario needs a class in dev.dextrace.stress.scenarios)");
        for (Scenario s : Scenarios.all()) {
            assertEquals(2, TestList.getInfo(ScenarioTests.className(s)).threads(), s.name() + ": submitter and completer actors");
        }
    }
}
