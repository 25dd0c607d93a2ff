package dev.dextrace.stress.fork;

/**
 * One sample's outcome as jcstress counts it: the scenario the sample ran (its name in its lane mapping) and the
 * grading outcome ({@code Grading.outcome}), {@code "completion-races-submission+lanes-cc: EXPECTED Q-3"}. A fork
 * samples several scenarios in turn, and jcstress keeps one histogram per fork: carrying the scenario in the outcome
 * keeps the counts per scenario in jcstress's own results (its result file, its merging of rounds).
 */
public record ScenarioOutcome(String scenario, String outcome) {
    private static final String SEPARATOR = ": ";
    /** The start of every outcome string, as a regex for {@code @Outcome} ids: a scenario name has no blank. */
    public static final String ANY_SCENARIO = "[^ ]+" + SEPARATOR;

    public ScenarioOutcome {
        if (scenario.isEmpty() || scenario.contains(" ")) {
            throw new IllegalArgumentException("a scenario name with no blank, got '" + scenario + "'");
        }
    }

    /** @throws IllegalArgumentException for a string no fork of this version writes */
    public static ScenarioOutcome parse(String counted) {
        int at = counted.indexOf(SEPARATOR);
        if (at <= 0) {
            throw new IllegalArgumentException("a jcstress outcome '<scenario>" + SEPARATOR + "<outcome>', got '" + counted + "'");
        }
        return new ScenarioOutcome(counted.substring(0, at), counted.substring(at + SEPARATOR.length()));
    }

    @Override
    public String toString() {
        return scenario + SEPARATOR + outcome;
    }
}
