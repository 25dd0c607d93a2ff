package dev.dextrace.stress.fork;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.hardware.FaultChooser;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.scenario.Scenario;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One jcstress sample: a fresh world of the fork's scenario for the fork's design, its two lanes driven by the
 * two actors, graded by the arbiter. The jcstress test only delegates here, so the protocol logic lives in the
 * model and the jcstress plumbing lives once. A fork given several scenarios (and each in several lane mappings) takes
 * them in turn, sample by sample: every one is sampled, and they share one JVM start; each outcome names its scenario.
 */
public final class Sample {
    private final Scenario scenario;
    private final World world;

    /** This VM's design, scenarios, sample keeper and watchdog, resolved from its system properties on the first sample. */
    private static final class ThisFork {
        static final DesignEntry DESIGN = ForkConfig.design(System.getProperty(ForkConfig.DESIGN));
        static final List<Scenario> SCENARIOS = ForkConfig.scenarios(System.getProperty(ForkConfig.SCENARIOS));
        static final SampleRecorder RECORDER = ForkConfig.recorder(DESIGN);
        static final Watchdog WATCHDOG = new Watchdog();
        /** Each sample's fault seed: this fork's start, then one more per sample (the faults met go into its replay file). */
        static final AtomicLong FAULT_SEEDS = new AtomicLong(System.nanoTime());
        static final AtomicLong MADE = new AtomicLong();

        static Scenario next() {
            return SCENARIOS.get((int) (MADE.getAndIncrement() % SCENARIOS.size()));
        }
    }

    /** When the first actor entered, or 0: jcstress makes samples in batches, before their actors run. */
    private final AtomicLong enteredNanos = new AtomicLong();

    public Sample() {
        this.scenario = ThisFork.next();
        this.world = scenario.load(scenario.builder(ThisFork.DESIGN).twoLanesDrivenByCaller()
                .faults(FaultChooser.seeded(ThisFork.FAULT_SEEDS.getAndIncrement())));
        world.start();
    }

    /** Actor 1: the kernel's and Default's work; returns when the run has settled. */
    public void submitter() {
        enter();
        world.lane(World.SUBMITTER).run();
    }

    /** Actor 2: hardware and every other queue. */
    public void completer() {
        enter();
        world.lane(World.COMPLETER).run();
    }

    private void enter() {
        if (enteredNanos.compareAndSet(0, System.nanoTime())) {
            ThisFork.WATCHDOG.started(this);
        }
    }

    /** Why this sample is stuck, or null (called by the watchdog only). */
    String stuck(Duration bound) {
        String why = world.stuck();
        if (why == null && System.nanoTime() - enteredNanos.get() > bound.toNanos()) {
            why = "the sample did not end within " + bound.toMillis() + " ms";
        }
        return why;
    }

    /** Files HANG-1 and keeps this sample as the fork's last (the watchdog halts the fork next). */
    void keepAsHung(String why) {
        Verdict v = world.abandon(why);
        if (ThisFork.RECORDER != null) {
            ThisFork.RECORDER.recordHalt(scenario, Grading.outcome(ThisFork.DESIGN, v), world, v);
        }
    }

    /** Arbiter: the outcome string ({@link ScenarioOutcome}) the {@code @Outcome}s grade; keeps a violating sample's story. */
    public String grade() {
        ThisFork.WATCHDOG.ended(this);
        Verdict v = world.finish();
        String outcome = Grading.outcome(ThisFork.DESIGN, v);
        if (!v.isClean() && ThisFork.RECORDER != null) {
            ThisFork.RECORDER.record(scenario, outcome, world, v);
        }
        return new ScenarioOutcome(scenario.name(), outcome).toString();
    }
}
