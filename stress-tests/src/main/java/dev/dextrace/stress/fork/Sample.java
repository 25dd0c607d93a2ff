package dev.dextrace.stress.fork;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.scenario.Scenario;

/**
 * One jcstress sample: a fresh world of a scenario for the fork's design, its two lanes driven by the
 * two actors, graded by the arbiter. The scenario classes only delegate here, so the protocol logic
 * lives in the model and the jcstress plumbing lives once.
 */
public final class Sample {
    private final Scenario scenario;
    private final World world;

    /** This VM's design and sample keeper, resolved from its system properties on the first sample. */
    private static final class ThisFork {
        static final DesignEntry DESIGN = ForkConfig.design(System.getProperty(ForkConfig.DESIGN));
        static final SampleRecorder RECORDER = ForkConfig.recorder(DESIGN);
    }

    public Sample(Scenario scenario) {
        this.scenario = scenario;
        this.world = scenario.load(scenario.builder(ThisFork.DESIGN).twoLanesDrivenByCaller());
        world.start();
    }

    /** Actor 1: the kernel's and Default's work; returns when the run has settled. */
    public void submitter() {
        world.lane(World.SUBMITTER).run();
    }

    /** Actor 2: hardware and every other queue. */
    public void completer() {
        world.lane(World.COMPLETER).run();
    }

    /** Arbiter: the outcome string the scenario's {@code @Outcome}s grade; keeps a violating sample's story. */
    public String grade() {
        Verdict v = world.finish();
        String outcome = Grading.outcome(ThisFork.DESIGN, v);
        if (!v.isClean() && ThisFork.RECORDER != null) {
            ThisFork.RECORDER.record(scenario, outcome, world, v);
        }
        return outcome;
    }
}
