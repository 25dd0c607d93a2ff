package dev.dextrace.stress;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.stress.fork.SampleFile;
import dev.dextrace.stress.fork.ScenarioOutcome;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One design's jcstress run: what jcstress recorded for each scenario and the violating samples the
 * forks kept, turned into the design's results.json entry. Rules come from jcstress's outcome counts
 * (every sample); the kept samples only add when each rule was first seen and the stories behind them.
 */
final class DesignRun {
    static final String ENGINE = "jcstress";
    /** Findings in the report per scenario and rule: enough to see a pattern, few enough to read. */
    private static final int FINDINGS_PER_SCENARIO_AND_RULE = 3;

    final DesignEntry design;
    /** Per scenario as selected: its outcomes (in every lane mapping) with their counts, over every fork and round. */
    private final Map<String, Map<String, Counted>> byScenario = new LinkedHashMap<>();
    private final Results.QueuePairs queuePairs;
    /** The scenarios as selected, in order. */
    private final List<String> selected;
    /** Scenario name in a lane mapping → the scenario as selected, whose fork sampled that mapping. */
    private final Map<String, String> selectedAs = new HashMap<>();
    /** The scenarios, as selected, whose hung sample a fork's watchdog kept before halting the fork. */
    private final Set<String> halted = new HashSet<>();
    private final List<SampleFile> samples;
    private final long startMillis;
    private final long durationMillis;
    /** Why this run cannot be trusted (a scenario that did not run or erred, a stop); empty when it ran. */
    final List<String> problems = new ArrayList<>();

    /** An outcome's count in a scenario, and what jcstress's grading expects of it. */
    private record Counted(long count, Expect expect) {
        Counted plus(Counted other) {
            return new Counted(count + other.count, expect);
        }
    }

    /**
     * @param scenarios the scenarios run, by name as selected, each with the lane mappings its forks sampled in turn
     *                  (the outcomes and the kept samples name the mapping)
     * @param forks     every fork jcstress recorded for the design, as read back from its result file
     * @param whyNotRun why jcstress left out a fork it was asked to run
     * @param stopped   why the run was cut short, or null
     * @param queuePairs the design's queue pairs the scenarios in those mappings overlapped
     */
    DesignRun(DesignEntry design, Map<String, List<Scenario>> scenarios, List<Jcstress.Forked> forks, String whyNotRun,
              List<SampleFile> samples, long startMillis, long durationMillis, String stopped, Results.QueuePairs queuePairs) {
        this.design = design;
        this.samples = samples.stream().sorted(Comparator.comparingLong(SampleFile::observedAtMillis)).toList();
        this.startMillis = startMillis;
        this.durationMillis = durationMillis;
        this.queuePairs = queuePairs;
        if (stopped != null) {
            problems.add(stopped);
        }
        this.selected = List.copyOf(scenarios.keySet());
        this.selectedAs.putAll(selectedAs(scenarios));
        this.samples.stream().filter(SampleFile::forkHalted).forEach(x -> halted.add(selectedAs(x.scenario())));
        Map<String, String> erred = new HashMap<>();
        Set<String> finished = new HashSet<>();
        Set<String> forked = new HashSet<>();
        for (Jcstress.Forked f : forks) {
            TestResult r = f.result();
            Map<String, GradingResult> graded = r.grading().gradingResults;
            for (String key : r.getStateKeys()) {
                ScenarioOutcome counted = ScenarioOutcome.parse(key);
                byScenario.computeIfAbsent(selectedAs(counted.scenario()), x -> new LinkedHashMap<>())
                        .merge(counted.outcome(), new Counted(r.getCount(key), graded.get(key).expect), Counted::plus);
            }
            forked.addAll(f.job().covers());
            if (r.status() == Status.NORMAL) {
                finished.addAll(f.job().covers());
            } else {
                // A fork halted on a hang cut its other scenarios short: they got forks of their own (ForkPlan).
                if (f.job().covers().stream().noneMatch(halted::contains)) {
                    f.job().covers().forEach(s -> erred.putIfAbsent(s,
                            "jcstress " + r.status() + ": " + r.getMessages().stream().findFirst().orElse("(no message)")));
                }
            }
        }
        for (String s : scenarios.keySet()) {
            if (halted.contains(s)) {
                continue; // the fork's watchdog kept the hung sample and halted it: a finding, not a failed run
            }
            if (!forked.contains(s)) {
                problems.add(s + " did not run: " + whyNotRun);
            } else if (erred.containsKey(s)) {
                problems.add(s + ": " + erred.get(s));
            } else if (!finished.contains(s)) {
                problems.add(s + " did not run: every fork that took it was halted on another scenario's hang");
            } else if (!byScenario.containsKey(s)) {
                problems.add(s + " did not run: its fork ended without a sample of it");
            }
        }
    }

    /** Each scenario's name in each of its lane mappings → its name as selected. */
    static Map<String, String> selectedAs(Map<String, List<Scenario>> scenarios) {
        Map<String, String> selectedAs = new HashMap<>();
        scenarios.forEach((selected, mappings) -> mappings.forEach(m -> selectedAs.put(m.name(), selected)));
        return selectedAs;
    }

    /** The scenario, as selected, of a scenario in one of its lane mappings. */
    private String selectedAs(String mapping) {
        return selectedAs.getOrDefault(mapping, mapping);
    }

    boolean ran() {
        return problems.isEmpty();
    }

    /** Every rule any sample broke: from the outcome counts, and the hung samples of halted forks (jcstress has no count of those). */
    SortedSet<String> rules() {
        SortedSet<String> rules = new TreeSet<>();
        byScenario.values().forEach(outcomes -> outcomes.keySet().forEach(o -> rules.addAll(rulesOf(o))));
        samples.stream().filter(SampleFile::forkHalted).forEach(x -> rules.addAll(rulesOf(x.outcome())));
        return rules;
    }

    /** The rules seen so far: in jcstress's results, and in the samples kept under {@code samplesDir} by forks that were halted. */
    static SortedSet<String> rulesSoFar(Collection<TestResult> results, List<SampleFile> samples) {
        SortedSet<String> rules = new TreeSet<>();
        results.forEach(r -> r.getStateKeys().forEach(o -> rules.addAll(rulesOf(ScenarioOutcome.parse(o).outcome()))));
        samples.stream().filter(SampleFile::forkHalted).forEach(x -> rules.addAll(rulesOf(x.outcome())));
        return rules;
    }

    /** The rules in an outcome string: {@code "EXPECTED CMP-1,SLOT-5"} has CMP-1 and SLOT-5, {@code "clean"} none. */
    static List<String> rulesOf(String outcome) {
        for (String prefix : List.of(Grading.EXPECTED, Grading.UNEXPECTED)) {
            if (outcome.startsWith(prefix)) {
                return List.of(outcome.substring(prefix.length()).split(","));
            }
        }
        return List.of();
    }

    long samples() {
        return byScenario.values().stream().flatMap(o -> o.values().stream()).mapToLong(Counted::count).sum();
    }

    double samplesPerSecond() {
        return durationMillis == 0 ? 0 : samples() * 1000.0 / durationMillis;
    }

    /** Milliseconds from the start of this design's run to the first kept sample showing each rule. */
    Map<String, Long> firstDetectionMillisByRule() {
        Map<String, Long> first = new TreeMap<>();
        for (SampleFile s : samples) {
            s.findings().forEach(f -> first.putIfAbsent(f.rule(), Math.max(0, s.observedAtMillis() - startMillis)));
        }
        return first;
    }

    Results.Grade verdict() {
        return Grading.grade(design, rules(), ran());
    }

    Results.Design toResults() {
        Map<String, Long> first = firstDetectionMillisByRule();
        Results.DesignEngine engine = new Results.DesignEngine(ran(), List.copyOf(rules()),
                first.values().stream().min(Long::compare).orElse(null), first, samples(), samplesPerSecond(),
                histograms(), null).withQueuePairs(queuePairs);
        return Grading.design(design, rules(), ran(), Map.of(ENGINE, engine), findings());
    }

    private List<Results.Histogram> histograms() {
        List<Results.Histogram> histograms = new ArrayList<>();
        selected.stream().filter(s -> byScenario.containsKey(s) || halted.contains(s)).forEach(scenario -> {
            Map<String, Counted> counted = byScenario.getOrDefault(scenario, Map.of());
            List<Results.Outcome> outcomes = new ArrayList<>(counted.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, Counted> e) -> e.getValue().count()).reversed())
                    .map(e -> new Results.Outcome(e.getKey(), e.getValue().count(), e.getValue().expect().name()))
                    .toList());
            samples.stream().filter(x -> x.forkHalted() && selectedAs(x.scenario()).equals(scenario)).forEach(x -> outcomes.add(
                    new Results.Outcome(x.outcome() + " (fork halted)", 1L,
                            (x.outcome().startsWith(Grading.EXPECTED) ? Expect.ACCEPTABLE_INTERESTING : Expect.FORBIDDEN).name())));
            histograms.add(new Results.Histogram(scenario, List.copyOf(outcomes)));
        });
        return histograms;
    }

    private List<Results.Finding> findings() {
        Map<String, Integer> perScenarioAndRule = new HashMap<>();
        Map<String, Integer> perScenario = new HashMap<>();
        List<Results.Finding> findings = new ArrayList<>();
        for (SampleFile s : samples) {
            for (Results.Finding f : s.findings()) {
                if (perScenarioAndRule.merge(s.scenario() + " " + f.rule(), 1, Integer::sum) <= FINDINGS_PER_SCENARIO_AND_RULE) {
                    String id = design.name() + "/" + ENGINE + "/" + s.scenario() + "/" + perScenario.merge(s.scenario(), 1, Integer::sum);
                    findings.add(new Results.Finding(id, f.engine(), f.scenario(), f.rule(), f.slot(), f.generation(),
                            f.action(), f.queues(), f.message(), f.events(), f.lincheckTrace(), f.replayCommand()));
                }
            }
        }
        return findings;
    }

    /** One line for the end of the campaign. */
    String summary() {
        StringBuilder sb = new StringBuilder(String.format("%-28s %-11s expected %-18s found %-22s",
                design.name(), verdict(), design.violates().isEmpty() ? "(clean)" : design.violates().mkString(","),
                rules().isEmpty() ? "-" : String.join(",", rules())));
        sb.append(String.format(" %,9d samples %,7.0f/s", samples(), samplesPerSecond()));
        firstDetectionMillisByRule().forEach((rule, ms) -> sb.append(String.format(" %s@%.1fs", rule, ms / 1000.0)));
        problems.forEach(p -> sb.append(" [").append(p).append(']'));
        return sb.toString();
    }
}
