package dev.dextrace.stress.scenarios;

import dev.dextrace.model.results.Grading;
import dev.dextrace.stress.fork.Sample;
import dev.dextrace.stress.fork.ScenarioOutcome;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The one jcstress test: every scenario, on the design, runs here. A fork is told its design and its scenarios (each
 * in every lane mapping the design needs) by system properties ({@code ForkConfig}), so a scenario needs no class of its
 * own. Each outcome names the scenario its sample ran ({@link ScenarioOutcome}), then the grading, spelled with the model's {@link Grading} prefixes: a rule the design is expected to break is
 * interesting, any other violation (and every violation of a design declared clean) is forbidden, so jcstress's own
 * report fails it too.
 */
@JCStressTest
@Outcome(id = ScenarioOutcome.ANY_SCENARIO + Grading.CLEAN, expect = ACCEPTABLE, desc = "No protocol rule broken.")
@Outcome(id = ScenarioOutcome.ANY_SCENARIO + Grading.EXPECTED + ".*", expect = ACCEPTABLE_INTERESTING, desc = "Only rules the design declares it breaks.")
@Outcome(id = ScenarioOutcome.ANY_SCENARIO + Grading.UNEXPECTED + ".*", expect = FORBIDDEN, desc = "A rule the design does not foresee: a false alarm or a new bug.")
@State
public class ScenarioTest {
    private final Sample sample = new Sample();

    @Actor
    public void submitter() {
        sample.submitter();
    }

    @Actor
    public void completer() {
        sample.completer();
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = sample.grade();
    }
}
