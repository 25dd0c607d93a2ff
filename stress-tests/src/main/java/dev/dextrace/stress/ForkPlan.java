package dev.dextrace.stress;

import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.stress.fork.ForkConfig;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.TestResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Which forks sample a design's scenarios, round by round. A fork samples up to {@code scenariosPerFork} scenarios in
 * turn (all of them by default: one JVM start per design and round instead of one per scenario), for the budget's
 * sampling time per scenario times the scenarios it takes, so each scenario is sampled as long as in a fork of its own.
 * <ul>
 * <li>A wrong design whose expected rules have not all shown gets another round of all its forks, up to {@code maxRounds}.
 * <li>A fork the watchdog halted (a hung sample, kept as HANG-1) took its other scenarios' samples down with it: each of
 * those that no fork finished yet gets a fork of its own in the next round, so a hang stays the finding of its
 * scenario and does not leave the others "not run". At most one such fork per scenario, so the rounds end.
 * </ul>
 */
final class ForkPlan implements Jcstress.Rounds {
    private final List<String> forkArgs;
    private final Map<String, List<Scenario>> mappingsOf;
    private final int timeMillisPerScenario;
    private final int maxRounds;
    private final Predicate<Collection<TestResult>> rulesMissing;
    private final Supplier<Set<String>> haltedScenarios;
    private final List<Jcstress.Job> forks = new ArrayList<>();
    private final Set<Jcstress.Job> asked = new LinkedHashSet<>();
    private int fullRounds;

    /**
     * @param forkArgs         every fork's options but its scenarios
     * @param mappingsOf       the scenarios as selected, each with the lane mappings its fork samples in turn
     * @param scenariosPerFork scenarios one fork samples, 1 or more
     * @param rulesMissing     whether the design has yet to show a rule it is expected to break
     * @param haltedScenarios  the scenarios (as selected) whose hung sample a watchdog kept so far
     */
    ForkPlan(List<String> forkArgs, Map<String, List<Scenario>> mappingsOf, int scenariosPerFork, int timeMillisPerScenario,
             int maxRounds, Predicate<Collection<TestResult>> rulesMissing, Supplier<Set<String>> haltedScenarios) {
        if (scenariosPerFork < 1) {
            throw new IllegalArgumentException("scenariosPerFork must be 1 or more, got " + scenariosPerFork);
        }
        this.forkArgs = List.copyOf(forkArgs);
        this.mappingsOf = Map.copyOf(mappingsOf);
        this.timeMillisPerScenario = timeMillisPerScenario;
        this.maxRounds = maxRounds;
        this.rulesMissing = rulesMissing;
        this.haltedScenarios = haltedScenarios;
        List<String> scenarios = List.copyOf(mappingsOf.keySet());
        for (int from = 0; from < scenarios.size(); from += scenariosPerFork) {
            forks.add(job(scenarios.subList(from, Math.min(scenarios.size(), from + scenariosPerFork))));
        }
    }

    private Jcstress.Job job(List<String> scenarios) {
        List<String> jvmArgs = new ArrayList<>(forkArgs);
        jvmArgs.add(ForkConfig.scenariosOption(scenarios.stream().flatMap(s -> mappingsOf.get(s).stream()).toList()));
        return new Jcstress.Job(scenarios, JcstressEngine.TEST, jvmArgs, timeMillisPerScenario * scenarios.size());
    }

    /** The forks of one full round. */
    List<Jcstress.Job> forks() {
        return forks;
    }

    /** Every job asked for so far. */
    Set<Jcstress.Job> asked() {
        return asked;
    }

    @Override
    public List<Jcstress.Job> next(int round, Collection<TestResult> soFar) {
        Set<Jcstress.Job> next = new LinkedHashSet<>();
        if (fullRounds == 0 || (fullRounds < maxRounds && rulesMissing.test(soFar))) {
            next.addAll(forks);
            fullRounds++;
        }
        for (String s : cutShort(soFar)) {
            Jcstress.Job alone = job(List.of(s));
            if (!asked.contains(alone)) {
                next.add(alone);
            }
        }
        asked.addAll(next);
        return List.copyOf(next);
    }

    /** Scenarios no fork finished, whose fork halted on another scenario's hung sample. */
    private Set<String> cutShort(Collection<TestResult> soFar) {
        Set<String> halted = haltedScenarios.get();
        Set<String> finished = new LinkedHashSet<>(halted);
        Set<String> cut = new LinkedHashSet<>();
        for (TestResult r : soFar) {
            Jcstress.Job job = Jcstress.Job.of(asked, r);
            if (job == null) {
                continue;
            }
            if (r.status() == Status.NORMAL) {
                finished.addAll(job.covers());
            } else if (job.covers().stream().anyMatch(halted::contains)) {
                cut.addAll(job.covers());
            }
        }
        cut.removeAll(finished);
        return cut;
    }
}
