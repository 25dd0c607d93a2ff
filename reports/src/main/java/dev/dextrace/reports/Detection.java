package dev.dextrace.reports;

import dev.dextrace.model.results.Results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * What R campaign runs showed about dextrace's detection power ({@code detection.json}): per design and
 * engine, in how many runs the engine found the design's declared rules and how long the first one
 * took; per design, the runs in which an engine reported a rule the design does not foresee (a false
 * alarm); and whether the targets of BENCHMARKS.md hold. Built from the runs' {@code results.json}.
 */
public record Detection(
        int schemaVersion,
        String generatedAt,
        int runsPlanned,
        Map<String, Object> budget,
        Results.Environment environment,
        List<Run> runs,
        List<DesignRow> designs,
        List<Target> targets) {

    public static final int SCHEMA_VERSION = 1;
    /** The systematic engine, whose median time to first detection has a target. */
    static final String SYSTEMATIC = "lincheck";
    static final long SYSTEMATIC_MEDIAN_TARGET_MILLIS = 2_000;

    /** One campaign run: how long it took and how each engine ended. */
    public record Run(int index, long durationMillis, Map<String, String> engines, boolean allAsExpected) {
    }

    /**
     * One design over the runs. {@code foundByAnyEngine}: runs in which some engine found a declared
     * rule (0 for a design declared clean). {@code falseAlarmRuns}: runs in which some engine reported a
     * rule the design does not foresee.
     */
    public record DesignRow(String name, boolean declaredClean, List<String> expectedRules, Map<String, EngineRow> engines,
                            int runs, int foundByAnyEngine, int falseAlarmRuns) {
    }

    /**
     * One engine on one design over the runs in which it ran. {@code found}: runs showing at least one
     * declared rule; {@code foundAll}: every declared rule. {@code firstDetectionMillis}: per run, the
     * time to the first declared rule, from the start of the engine's work on the design, or null when
     * it found none. Median and worst are over the runs that found one; null when none did.
     */
    public record EngineRow(int runs, int found, int foundAll, Long medianMillis, Long worstMillis,
                            List<Long> firstDetectionMillis, int falseAlarms, List<String> falseAlarmRules) {
    }

    public record Target(String name, boolean holds, String detail) {
    }

    /**
     * @param foreseen whether a design (by name) foresees a rule: declares it, or declares it may also break it
     */
    public static Detection of(List<Results> runs, List<Long> runMillis, int runsPlanned, Map<String, Object> budget,
                               String generatedAt, BiPredicate<String, String> foreseen) {
        List<Run> runRows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, String> engines = new LinkedHashMap<>();
            runs.get(i).engines().forEach((e, r) -> engines.put(e, r.status().toString()));
            runRows.add(new Run(i + 1, runMillis.get(i), engines,
                    runs.get(i).designs().stream().allMatch(d -> d.verdict() == Results.Grade.AS_EXPECTED)));
        }
        Map<String, List<Results.Design>> byDesign = new LinkedHashMap<>();
        runs.forEach(r -> r.designs().forEach(d -> byDesign.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(d)));
        List<DesignRow> rows = byDesign.values().stream().map(ds -> row(ds, foreseen)).toList();
        Results.Environment env = runs.isEmpty() ? new Results.Environment(null, null, null) : runs.get(0).environment();
        return new Detection(SCHEMA_VERSION, generatedAt, runsPlanned, budget, env, runRows, rows, targets(rows, runs.size(), runsPlanned));
    }

    private static DesignRow row(List<Results.Design> perRun, BiPredicate<String, String> foreseen) {
        Results.Design first = perRun.get(0);
        boolean clean = first.declared() == Results.Declared.CLEAN;
        Set<String> expected = new TreeSet<>(first.expectedRules());
        Set<String> engineNames = new TreeSet<>();
        perRun.forEach(d -> d.engines().forEach((e, de) -> {
            if (de.ran()) {
                engineNames.add(e);
            }
        }));
        Map<String, EngineRow> engines = new LinkedHashMap<>();
        for (String engine : engineNames) {
            int ran = 0;
            int found = 0;
            int foundAll = 0;
            int falseAlarms = 0;
            List<Long> times = new ArrayList<>();
            Set<String> alarmRules = new TreeSet<>();
            for (Results.Design d : perRun) {
                Results.DesignEngine de = d.engines().get(engine);
                if (de == null || !de.ran()) {
                    continue;
                }
                ran++;
                Long t = firstExpected(de, expected);
                times.add(t);
                found += t == null ? 0 : 1;
                foundAll += !expected.isEmpty() && de.rules().containsAll(expected) ? 1 : 0;
                List<String> alarms = unforeseen(d, de, foreseen);
                falseAlarms += alarms.isEmpty() ? 0 : 1;
                alarmRules.addAll(alarms);
            }
            List<Long> hits = times.stream().filter(Objects::nonNull).sorted().toList();
            engines.put(engine, new EngineRow(ran, found, foundAll, hits.isEmpty() ? null : median(hits),
                    hits.isEmpty() ? null : hits.get(hits.size() - 1), times, falseAlarms, List.copyOf(alarmRules)));
        }
        int foundByAny = 0;
        int alarmRuns = 0;
        for (Results.Design d : perRun) {
            boolean any = false;
            boolean alarm = false;
            for (Results.DesignEngine de : d.engines().values()) {
                any |= de.ran() && firstExpected(de, expected) != null;
                alarm |= de.ran() && !unforeseen(d, de, foreseen).isEmpty();
            }
            foundByAny += any ? 1 : 0;
            alarmRuns += alarm ? 1 : 0;
        }
        return new DesignRow(first.name(), clean, List.copyOf(expected), engines, perRun.size(), foundByAny, alarmRuns);
    }

    /** The rules an engine showed that the design does not foresee: any rule, on a design declared clean. */
    private static List<String> unforeseen(Results.Design d, Results.DesignEngine de, BiPredicate<String, String> foreseen) {
        boolean clean = d.declared() == Results.Declared.CLEAN;
        return de.rules().stream().filter(rule -> clean || !foreseen.test(d.name(), rule)).toList();
    }

    /**
     * When the engine first showed a declared rule; null if it showed none. Engines that report times
     * per rule are read per rule; otherwise the design's first detection counts if a declared rule is among its rules.
     */
    static Long firstExpected(Results.DesignEngine de, Set<String> expected) {
        Long best = null;
        for (String rule : expected) {
            if (de.rules().contains(rule)) {
                Long t = de.firstDetectionMillisByRule().getOrDefault(rule, de.firstDetectionMillis());
                if (t != null && (best == null || t < best)) {
                    best = t;
                }
            }
        }
        return best;
    }

    /** The median; of an even count, the mean of the middle two, rounded down. */
    static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Target> targets(List<DesignRow> rows, int runs, int planned) {
        String of = runs == planned ? runs + " runs" : runs + " of " + planned + " planned runs";
        List<DesignRow> wrong = rows.stream().filter(r -> !r.declaredClean()).toList();
        List<String> notAlways = wrong.stream().filter(r -> r.foundByAnyEngine() < runs)
                .map(r -> r.name() + " " + r.foundByAnyEngine() + "/" + runs).toList();
        List<String> alarms = rows.stream().filter(r -> r.falseAlarmRuns() > 0)
                .map(r -> r.name() + " in " + r.falseAlarmRuns() + "/" + runs).toList();
        List<String> slow = new ArrayList<>();
        long worstMedian = 0;
        String worstDesign = null;
        for (DesignRow r : wrong) {
            EngineRow e = r.engines().get(SYSTEMATIC);
            if (e == null || e.medianMillis() == null) {
                slow.add(r.name() + " not found");
                continue;
            }
            if (e.medianMillis() >= worstMedian) {
                worstMedian = e.medianMillis();
                worstDesign = r.name();
            }
            if (e.medianMillis() >= SYSTEMATIC_MEDIAN_TARGET_MILLIS) {
                slow.add(r.name() + " " + e.medianMillis() + " ms");
            }
        }
        return List.of(
                new Target("every wrong design found in every run by at least one engine", runs > 0 && notAlways.isEmpty(),
                        notAlways.isEmpty() ? wrong.size() + " wrong designs, each found in all " + of : "not in every run: " + String.join(", ", notAlways)),
                new Target("no false alarms", runs > 0 && alarms.isEmpty(),
                        alarms.isEmpty() ? "none in " + of : "false alarms: " + String.join(", ", alarms)),
                new Target("median time to first detection < 2 s for the systematic engine (Lincheck), every wrong design",
                        runs > 0 && slow.isEmpty(), slow.isEmpty()
                        ? (worstDesign == null ? "no wrong design searched" : "slowest median: " + worstDesign + " " + worstMedian + " ms")
                        : "at or over 2 s: " + String.join(", ", slow)));
    }
}
