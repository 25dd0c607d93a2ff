package dev.dextrace.stress;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.stress.fork.SampleFile;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;

import java.io.IOException;
import java.nio.file.Path;
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
    private final Map<String, TestResult> byScenario = new LinkedHashMap<>();
    private final Results.QueuePairs queuePairs;
    /** Scenario name in a lane mapping → the scenario as selected, whose fork sampled that mapping. */
    private final Map<String, String> selectedAs = new HashMap<>();
    private final List<SampleFile> samples;
    private final long startMillis;
    private final long durationMillis;
    /** Why this run cannot be trusted (a scenario that did not run or erred, a stop); empty when it ran. */
    final List<String> problems = new ArrayList<>();

    /**
     * @param scenarios  the scenarios run, by name as selected, each with the lane mappings its forks sampled in turn
     *                   (the kept samples name the mapping)
     * @param byScenario jcstress's results by scenario, as read back from its result file
     * @param whyNotRun  why jcstress left out a scenario it was asked to run
     * @param stopped    why the run was cut short, or null
     * @param queuePairs the design's queue pairs the scenarios in those mappings overlapped
     */
    DesignRun(DesignEntry design, Map<String, List<Scenario>> scenarios, Map<String, TestResult> byScenario, String whyNotRun,
              List<SampleFile> samples, long startMillis, long durationMillis, String stopped, Results.QueuePairs queuePairs) {
        this.design = design;
        this.samples = samples.stream().sorted(Comparator.comparingLong(SampleFile::observedAtMillis)).toList();
        this.startMillis = startMillis;
        this.durationMillis = durationMillis;
        this.queuePairs = queuePairs;
        if (stopped != null) {
            problems.add(stopped);
        }
        scenarios.forEach((selected, mappings) -> mappings.forEach(m -> this.selectedAs.put(m.name(), selected)));
        Set<String> halted = new HashSet<>();
        this.samples.stream().filter(SampleFile::forkHalted).forEach(x -> halted.add(selectedAs(x)));
        for (String s : scenarios.keySet()) {
            TestResult r = byScenario.get(s);
            if (r != null) {
                this.byScenario.put(s, r);
            }
            if (halted.contains(s)) {
                continue; // the fork's watchdog kept the hung sample and halted it: a finding, not a failed run
            }
            if (r == null) {
                problems.add(s + " did not run: " + whyNotRun);
            } else if (r.status() != Status.NORMAL) {
                problems.add(s + ": jcstress " + r.status() + ": "
                        + r.getMessages().stream().findFirst().orElse("(no message)"));
            }
        }
    }

    /** The scenario, as selected, whose fork kept the sample (in one of its lane mappings). */
    private String selectedAs(SampleFile sample) {
        return selectedAs.getOrDefault(sample.scenario(), sample.scenario());
    }

    boolean ran() {
        return problems.isEmpty();
    }

    /** Every rule any sample broke: from the outcome counts, and the hung samples of halted forks (jcstress has no count of those). */
    SortedSet<String> rules() {
        return rulesIn(byScenario.values(), samples);
    }

    /** The rules seen so far: in jcstress's results, and in the samples kept under {@code samplesDir} by forks that were halted. */
    static SortedSet<String> rulesSoFar(Collection<TestResult> results, Path samplesDir) throws IOException {
        return rulesIn(results, SampleFile.readAll(samplesDir));
    }

    private static SortedSet<String> rulesIn(Collection<TestResult> results, List<SampleFile> samples) {
        SortedSet<String> rules = rulesIn(results);
        samples.stream().filter(SampleFile::forkHalted).forEach(x -> rules.addAll(rulesOf(x.outcome())));
        return rules;
    }

    /** The rules in jcstress's outcome counts. */
    static SortedSet<String> rulesIn(Collection<TestResult> results) {
        SortedSet<String> rules = new TreeSet<>();
        results.forEach(r -> r.getStateKeys().forEach(o -> rules.addAll(rulesOf(o))));
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
        return byScenario.values().stream().mapToLong(TestResult::getTotalCount).sum();
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
        byScenario.forEach((scenario, r) -> {
            Map<String, GradingResult> graded = r.grading().gradingResults;
            List<Results.Outcome> outcomes = new ArrayList<>(r.getStateKeys().stream()
                    .sorted(Comparator.comparingLong(r::getCount).reversed())
                    .map(o -> new Results.Outcome(o, r.getCount(o), graded.get(o).expect.name()))
                    .toList());
            samples.stream().filter(x -> x.forkHalted() && selectedAs(x).equals(scenario)).forEach(x -> outcomes.add(
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
