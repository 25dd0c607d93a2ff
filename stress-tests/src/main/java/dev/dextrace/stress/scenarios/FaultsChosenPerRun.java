package dev.dextrace.stress.scenarios;

import dev.dextrace.model.scenario.Scenarios;
import dev.dextrace.stress.fork.Sample;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/** {@link Scenarios#FAULTS_CHOSEN_PER_RUN} on the design named by {@code -Ddextrace.design}. */
@JCStressTest
@JCStressMeta(Grades.class)
@State
public class FaultsChosenPerRun {
    private final Sample sample = new Sample(Scenarios.FAULTS_CHOSEN_PER_RUN);

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
