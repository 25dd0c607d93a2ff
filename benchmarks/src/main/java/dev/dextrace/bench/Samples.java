package dev.dextrace.bench;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.scenario.Scenario;

/**
 * One sample of a scenario, the way the engines take one: a fresh world built and loaded, its two
 * lanes run, the run judged and graded. Three ways to run the lanes: both on the calling thread
 * (the model's work alone), on two threads (as a jcstress sample), or on the controlled runtime.
 */
public final class Samples {
    private Samples() {
    }

    /** A fresh world of the scenario for the design, lanes driven by the caller, trace on or off. */
    public static World load(Scenario scenario, DesignEntry design, boolean trace) {
        World.Builder b = scenario.builder(design).twoLanesDrivenByCaller();
        if (!trace) {
            b.withoutTrace();
        }
        return scenario.load(b);
    }

    /** Builds, runs both lanes on this thread, judges and grades: the model's cost of one sample. */
    public static String oneThread(Scenario scenario, DesignEntry design, boolean trace) {
        World w = load(scenario, design, trace);
        Verdict v = Drive.onThisThread(w);
        return Grading.outcome(design, v);
    }

    /**
     * Builds on this thread, runs the submitter lane here and the completer lane on the partner, then
     * judges and grades here: what a jcstress sample does (state, two actors, arbiter).
     */
    public static String twoThreads(Scenario scenario, DesignEntry design, boolean trace, Partner partner) {
        return Grading.outcome(design, twoThreadsVerdict(scenario, design, trace, partner));
    }

    /** {@link #twoThreads} without the grading: the verdict, with the events in the order the two threads did them. */
    public static Verdict twoThreadsVerdict(Scenario scenario, DesignEntry design, boolean trace, Partner partner) {
        World w = load(scenario, design, trace);
        w.start();
        partner.runLane(w);
        w.lane(World.SUBMITTER).run();
        partner.await();
        return w.finish();
    }
}
