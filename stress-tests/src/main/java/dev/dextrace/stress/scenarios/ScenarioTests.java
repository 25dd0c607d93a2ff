package dev.dextrace.stress.scenarios;

import dev.dextrace.model.scenario.Scenario;

/**
 * Which jcstress class runs a scenario: by convention the scenario's name in CamelCase in this package
 * ({@code completion-races-submission} is {@link CompletionRacesSubmission}), so adding a scenario to the
 * model means adding one class here and nothing else. {@code ScenarioTestsTest} checks every scenario has one.
 */
public final class ScenarioTests {
    private ScenarioTests() {
    }

    public static String className(Scenario scenario) {
        StringBuilder sb = new StringBuilder(ScenarioTests.class.getPackageName()).append('.');
        for (String word : scenario.name().split("-")) {
            sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return sb.toString();
    }
}
