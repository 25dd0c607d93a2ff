package dev.dextrace.lincheck;

import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.monitor.Violation;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.results.AtomicWrite;
import dev.dextrace.model.scenario.Scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Lincheck searches over a design's scenarios. Each search fails on a rule not caught yet that the
 * goal asks for; after a catch the same scenario is searched again for the rest, so one design and
 * scenario can show several rules. Every catch keeps Lincheck's trace and a replay file.
 */
public final class DesignSearch {
    /**
     * Which rules fail an invocation. Unforeseen rules (any rule, on a design declared clean) always do.
     */
    public enum Goal {
        /** Also the rules the design declares it violates: catalogue tests and campaigns. */
        EXPECTED_RULES,
        /** Only rules the design does not foresee: checking a user's design. */
        UNFORESEEN_ONLY
    }

    /** When a design's searches end; a search that fails is always searched again for the rules still missing. */
    public enum Stop {
        /** After every scenario, so unforeseen rules anywhere show up: campaigns. */
        EVERY_SCENARIO,
        /** At the first rule the design does not foresee: a check fails then, whatever the other scenarios show. */
        FIRST_UNFORESEEN,
        /** At the first rule the design does not foresee, or once every rule it declares was caught: catalogue tests. */
        DECLARED_OR_UNFORESEEN;

        boolean decided(DesignEntry design, Set<String> caught) {
            boolean unforeseen = !design.unforeseen(caught).isEmpty();
            return switch (this) {
                case EVERY_SCENARIO -> false;
                case FIRST_UNFORESEEN -> unforeseen;
                case DECLARED_OR_UNFORESEEN -> unforeseen || (!design.declaredClean() && caught.containsAll(design.violates().toJavaSet()));
            };
        }
    }

    /** The first catch of a rule: where, the violation, Lincheck's run, and the files kept for it. */
    public record Catch(String rule, Scenario scenario, Violation violation, LincheckSearch.Found found,
                        long millisFromDesignStart, Path traceFile, Path replayFile) {
    }

    /** Everything a design's searches showed. */
    public record Report(DesignEntry design, Map<String, Catch> caught, List<LincheckSearch.Result> searches, long millis) {
        public Set<String> rules() {
            return new TreeSet<>(caught.keySet());
        }

        public Set<String> unforeseen() {
            return new TreeSet<>(design.unforeseen(caught.keySet()));
        }

        public Set<String> missed() {
            return new TreeSet<>(design.missed(caught.keySet()));
        }

        public int invocations() {
            return searches.stream().mapToInt(LincheckSearch.Result::invocations).sum();
        }
    }

    private DesignSearch() {
    }

    /**
     * @param stop             when the searches end before every scenario was searched
     * @param traceDir         where each catch's trace and replay file go, or null to keep none
     * @param progress         told about each search as it ends
     */
    public static Report run(DesignEntry design, List<Scenario> scenarios, int invocations, Goal goal,
                             Stop stop, Path traceDir, Consumer<LincheckSearch.Result> progress) {
        long start = System.nanoTime();
        Map<String, Catch> caught = new LinkedHashMap<>();
        List<LincheckSearch.Result> searches = new ArrayList<>();
        Predicate<String> fails = rule -> !caught.containsKey(rule) && (design.declaredClean() || !design.foresees(rule)
                || (goal == Goal.EXPECTED_RULES && design.violates().contains(rule)));
        for (Scenario s : scenarios) {
            while (!stop.decided(design, caught.keySet())) {
                long searchStart = (System.nanoTime() - start) / 1_000_000;
                LincheckSearch.Result r = LincheckSearch.search(design, s, v -> failure(design, s, v, fails), invocations);
                searches.add(r);
                progress.accept(r);
                if (r.found() == null) {
                    break;
                }
                Verdict v = r.found().verdict();
                for (String rule : v.rules().filter(fails)) {
                    Path[] files = traceDir == null ? new Path[2] : keep(traceDir, design, s, rule, r.found());
                    caught.put(rule, new Catch(rule, s, v.first(rule).get(), r.found(), searchStart + r.found().millis(),
                            files[0], files[1]));
                }
            }
        }
        return new Report(design, caught, searches, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The failure message for a verdict with rules the search looks for, or null: each such rule with
     * its slot, generation and action, then the violations with their events.
     */
    static String failure(DesignEntry design, Scenario scenario, Verdict v, Predicate<String> fails) {
        List<String> failing = v.rules().filter(fails).toJavaList();
        if (failing.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(design.name()).append(" under ").append(scenario.name()).append(" violates ")
                .append(String.join(", ", failing)).append('\n');
        for (String rule : failing) {
            sb.append("  ").append(headline(v.first(rule).get())).append('\n');
        }
        return sb.append(v.describe()).toString();
    }

    /** "ACT-4 on slot 0 gen 1, action action#2: message": the rule and what it is about. */
    public static String headline(Violation x) {
        StringBuilder sb = new StringBuilder(x.rule().id());
        x.slot().ifPresent(slot -> sb.append(" on slot ").append(slot));
        x.generation().ifPresent(gen -> sb.append(" gen ").append(gen));
        x.action().ifPresent(action -> sb.append(x.slot().isPresent() ? "," : " on").append(" action ").append(action));
        return sb.append(": ").append(x.message()).toString();
    }

    /** The command that re-runs a replay file on the model's controlled runtime. */
    public static String replayCommand(Path replayFile) {
        return replayFile == null ? null : ReplayCommand.of(replayFile);
    }

    /** Lincheck's report without its detailed trace (which lists every memory access, megabytes of it). */
    public static String interleaving(String lincheckTrace) {
        int cut = lincheckTrace.indexOf("Detailed trace:");
        return (cut < 0 ? lincheckTrace : lincheckTrace.substring(0, cut)).strip();
    }

    /** Writes the trace and the replay file of a catch: {@code <dir>/<design>/<scenario>-<rule>.trace.txt} and {@code .replay}. */
    private static Path[] keep(Path dir, DesignEntry design, Scenario scenario, String rule, LincheckSearch.Found found) {
        Path base = dir.resolve(design.name()).resolve(scenario.name() + "-" + rule);
        Path trace = base.resolveSibling(base.getFileName() + ".trace.txt");
        Path replay = base.resolveSibling(base.getFileName() + ".replay");
        try {
            AtomicWrite.write(trace, tmp -> Files.writeString(tmp, found.lincheckTrace(), StandardCharsets.UTF_8));
            ReplayFile.of(design, scenario, found.world(), found.verdict(), rule).write(replay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the trace of " + design.name() + " / " + scenario.name() + " in " + dir, e);
        }
        return new Path[]{trace.toAbsolutePath(), replay.toAbsolutePath()};
    }
}
