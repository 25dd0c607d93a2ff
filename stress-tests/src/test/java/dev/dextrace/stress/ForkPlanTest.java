package dev.dextrace.stress;

import dev.dextrace.model.LaneMapping;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.QueueLanes;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import dev.dextrace.stress.fork.ForkConfig;
import dev.dextrace.stress.fork.SampleFile;
import dev.dextrace.stress.fork.ScenarioOutcome;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.runners.TestConfig;
import org.openjdk.jcstress.infra.runners.TestList;
import org.openjdk.jcstress.os.AffinityMode;
import org.openjdk.jcstress.os.NodeType;
import org.openjdk.jcstress.os.SchedulingClass;
import org.openjdk.jcstress.vm.CompileMode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fork layout without running jcstress: which forks sample which scenarios, round by round, and how a design's
 * per-scenario results come back out of forks that sampled several scenarios (CampaignTest runs real forks).
 */
class ForkPlanTest {
    private static final String A = "completion-races-submission";
    private static final String B = "release-races-completion";
    private static final String C = "timeout-races-completion";
    private static final List<String> BASE = List.of("-Ddextrace.design=x");

    /** Each scenario in two lane mappings, as a design with two queues of its own has them. */
    private static Map<String, List<Scenario>> mappings(String... names) {
        Map<String, List<Scenario>> m = new LinkedHashMap<>();
        for (String n : names) {
            Scenario s = Scenarios.byName(n);
            m.put(n, List.of(s, s.inLaneMapping(new LaneMapping("cc"))));
        }
        return m;
    }

    private final Set<String> halted = new HashSet<>();
    private boolean missing;

    private ForkPlan plan(int perFork, int maxRounds, String... scenarios) {
        return new ForkPlan(BASE, mappings(scenarios), perFork, 300, maxRounds, soFar -> missing, () -> halted);
    }

    @Test
    void aForkSamplesSeveralScenariosInEveryMappingForTheirTimesTogether() {
        ForkPlan all = plan(Integer.MAX_VALUE, 3, A, B, C);
        assertEquals(1, all.forks().size(), "one fork per design and round");
        Jcstress.Job fork = all.forks().get(0);
        assertEquals(List.of(A, B, C), fork.covers());
        assertEquals(900, fork.timeMillis(), "each scenario sampled as long as in a fork of its own");
        String option = fork.jvmArgs().get(fork.jvmArgs().size() - 1);
        assertEquals(6, ForkConfig.scenarios(option.substring(option.indexOf('=') + 1)).size(), "3 scenarios in 2 mappings each");
        assertTrue(fork.jvmArgs().containsAll(BASE));

        ForkPlan twos = plan(2, 3, A, B, C);
        assertEquals(List.of(List.of(A, B), List.of(C)), twos.forks().stream().map(Jcstress.Job::covers).toList());
        assertEquals(List.of(600, 300), twos.forks().stream().map(Jcstress.Job::timeMillis).toList());
        assertThrows(IllegalArgumentException.class, () -> plan(0, 3, A));
    }

    @Test
    void aWrongDesignGetsAnotherRoundOfAllItsForksWhileARuleIsMissingAtMostMaxRounds() {
        ForkPlan p = plan(2, 3, A, B, C);
        List<TestResult> soFar = new ArrayList<>();
        missing = true;
        for (int round = 0; round < 3; round++) {
            List<Jcstress.Job> jobs = p.next(round, soFar);
            assertEquals(p.forks(), jobs, "round " + round);
            jobs.forEach(j -> soFar.add(fork(j, Status.NORMAL, Map.of())));
        }
        assertEquals(List.of(), p.next(3, soFar), "no fourth round");

        ForkPlan shown = plan(2, 3, A, B, C);
        missing = false;
        assertEquals(shown.forks(), shown.next(0, List.of()));
        assertEquals(List.of(), shown.next(1, List.of(fork(shown.forks().get(0), Status.NORMAL, Map.of()))), "every rule shown: one round");
    }

    @Test
    void aForkHaltedOnAHangGivesItsOtherUnfinishedScenariosAForkEachOnce() {
        ForkPlan p = plan(Integer.MAX_VALUE, 3, A, B, C);
        Jcstress.Job all = p.next(0, List.of()).get(0);
        halted.add(B); // the watchdog kept B's hung sample and halted the fork
        List<TestResult> soFar = new ArrayList<>(List.of(fork(all, Status.VM_ERROR, Map.of())));
        List<Jcstress.Job> alone = p.next(1, soFar);
        assertEquals(List.of(List.of(A), List.of(C)), alone.stream().map(Jcstress.Job::covers).toList());
        assertEquals(List.of(300, 300), alone.stream().map(Jcstress.Job::timeMillis).toList());

        soFar.add(fork(alone.get(0), Status.NORMAL, Map.of()));
        soFar.add(fork(alone.get(1), Status.VM_ERROR, Map.of()));
        halted.add(C);
        assertEquals(List.of(), p.next(2, soFar), "a scenario alone in its fork is not forked again");

        ForkPlan crash = plan(Integer.MAX_VALUE, 3, A, B);
        halted.clear();
        Jcstress.Job both = crash.next(0, List.of()).get(0);
        assertEquals(List.of(), crash.next(1, List.of(fork(both, Status.VM_ERROR, Map.of()))), "a crash without a hang is not retried");
    }

    @Test
    void aForkOfSeveralScenariosGivesEachItsOwnHistogramAndAHangCutsNoScenarioShort() {
        DesignEntry design = Catalogue.select("double-complete").head();
        Map<String, List<Scenario>> scenarios = mappings(A, B, C);
        ForkPlan p = new ForkPlan(BASE, scenarios, Integer.MAX_VALUE, 300, 3, soFar -> false, () -> halted);
        Jcstress.Job all = p.next(0, List.of()).get(0);
        String aCc = scenarios.get(A).get(1).name();
        TestResult first = fork(all, Status.NORMAL, Map.of(
                new ScenarioOutcome(A, "EXPECTED SLOT-4"), 5L, new ScenarioOutcome(aCc, "EXPECTED SLOT-4"), 2L,
                new ScenarioOutcome(A, Grading.CLEAN), 1L, new ScenarioOutcome(B, Grading.CLEAN), 7L,
                new ScenarioOutcome(C, "UNEXPECTED SLOT-3"), 1L));
        DesignRun run = run(design, scenarios, List.of(new Jcstress.Forked(all, first)), List.of());
        assertTrue(run.ran(), run.problems::toString);
        assertEquals(Set.of("SLOT-3", "SLOT-4"), run.rules());
        assertEquals(16, run.samples());
        List<Results.Histogram> histograms = run.toResults().engines().get("jcstress").histograms();
        assertEquals(List.of(A, B, C), histograms.stream().map(Results.Histogram::scenario).toList());
        assertEquals(new Results.Outcome("EXPECTED SLOT-4", 7L, "ACCEPTABLE_INTERESTING"), histograms.get(0).outcomes().get(0),
                "a scenario's mappings count together");
        assertEquals(new Results.Outcome("UNEXPECTED SLOT-3", 1L, "FORBIDDEN"), histograms.get(2).outcomes().get(0));

        // B hangs: the fork halts; A got a fork of its own and finished, C's was never run
        Jcstress.Job aAlone = new Jcstress.Job(List.of(A), JcstressEngine.TEST, List.of("-Dalone=a"), 300);
        SampleFile hung = new SampleFile(design.name(), B, "UNEXPECTED HANG-1", 0, List.of(), true);
        DesignRun cut = run(design, scenarios, List.of(new Jcstress.Forked(all, fork(all, Status.VM_ERROR, Map.of())),
                new Jcstress.Forked(aAlone, fork(aAlone, Status.NORMAL, Map.of(new ScenarioOutcome(A, Grading.CLEAN), 3L)))), List.of(hung));
        assertEquals(1, cut.problems.size(), cut.problems::toString);
        assertTrue(cut.problems.get(0).startsWith(C + " did not run"), cut.problems::toString);
        assertTrue(cut.rules().contains("HANG-1"));

        // the same fork erring without a hang: every scenario it took is a failed run
        DesignRun crashed = run(design, scenarios, List.of(new Jcstress.Forked(all, fork(all, Status.VM_ERROR, Map.of()))), List.of());
        assertEquals(3, crashed.problems.size(), crashed.problems::toString);
        assertTrue(crashed.problems.stream().allMatch(x -> x.contains("jcstress VM_ERROR")), crashed.problems::toString);

        // a fork that ended normally without a sample of a scenario did not run it
        DesignRun partly = run(design, scenarios, List.of(new Jcstress.Forked(all, fork(all, Status.NORMAL,
                Map.of(new ScenarioOutcome(A, Grading.CLEAN), 3L)))), List.of());
        assertEquals(List.of(B + " did not run: its fork ended without a sample of it", C + " did not run: its fork ended without a sample of it"),
                partly.problems);
    }

    private static DesignRun run(DesignEntry design, Map<String, List<Scenario>> scenarios, List<Jcstress.Forked> forks, List<SampleFile> samples) {
        List<Scenario> all = scenarios.values().stream().flatMap(List::stream).toList();
        return new DesignRun(design, scenarios, forks, "skipped", samples, 0, 1000, null, QueueLanes.of(design, all));
    }

    /** What jcstress would record for a fork of {@code job}. */
    private static TestResult fork(Jcstress.Job job, Status status, Map<ScenarioOutcome, Long> counts) {
        try {
            Options opts = new Options(new String[]{"-time", String.valueOf(job.timeMillis())});
            opts.parse();
            TestResult r = new TestResult(status);
            r.setConfig(new TestConfig(opts, TestList.getInfo(JcstressEngine.TEST), 0, job.jvmArgs(), CompileMode.UNIFIED,
                    new SchedulingClass(AffinityMode.NONE, 2, NodeType.PACKAGE)));
            counts.forEach((o, n) -> r.addState(o.toString(), n));
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
