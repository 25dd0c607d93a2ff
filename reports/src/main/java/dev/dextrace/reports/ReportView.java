package dev.dextrace.reports;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.results.ReportInputException;

import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.RuleBook;
import dev.dextrace.model.monitor.RuleId;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.results.Results.Design;
import dev.dextrace.model.results.Results.DesignEngine;
import dev.dextrace.model.results.Results.EngineRun;
import dev.dextrace.model.results.Results.EngineStatus;
import dev.dextrace.model.results.Results.Event;
import dev.dextrace.model.results.Results.Finding;
import dev.dextrace.model.results.Results.Histogram;
import dev.dextrace.model.results.Results.Outcome;
import dev.dextrace.model.results.Results.Grade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the template shows, computed from {@link Results}: every decision (cell labels, colours, lane
 * layout, bar geometry, number formats) is made here, so the template only places strings, which
 * Mustache escapes. Accessors are read by Mustache through reflection.
 */
public record ReportView(
        String generatedAt,
        String duration,
        List<Entry> budget,
        List<Entry> environment,
        List<EngineLine> engines,
        List<FamilyHeader> families,
        List<RuleHeader> rules,
        List<DesignView> designs,
        List<FindingView> allFindings,
        DetectionView detection,
        ScaleView scale,
        Summary summary) {

    /** The replay command with a placeholder for the file: printed once, each card's file listed under it. */
    public String replayCommandTemplate() {
        // As the cards print it (the results may come from another kind of project than this JVM's).
        return allFindings.stream().filter(f -> f.replayFile() != null).findFirst()
                .map(f -> ReplayCommand.prefixOf(f.replayCommand())).orElse(Bugs.REPLAY_COMMAND) + "<replay file>";
    }

    /**
     * The first screen when the report is about one design (e.g. {@code -Ddextrace.designs=com.example.MyDriver}):
     * clean or which bugs, linked to their cards, and how hard each engine looked.
     */
    public record Summary(String design, String verdict, String verdictCss, String text, List<Link> bugs, List<Entry> effort) {
    }

    public record Link(String anchor, String text) {
    }

    public record Entry(String key, String value) {
    }

    public record EngineLine(String name, String status, String css, String reason, String duration) {
    }

    public record FamilyHeader(String name, int span) {
    }

    /** A matrix column; {@code custom}: a rule of the user's invariants, listed with its meaning under the matrix. */
    public record RuleHeader(String id, String meaning, String consequence, boolean custom) {
    }

    /** The user's rules (from results.json's {@code rules}), the matrix's last column group. */
    public List<RuleHeader> customRules() {
        return rules.stream().filter(RuleHeader::custom).toList();
    }

    public boolean hasCustomRules() {
        return !customRules().isEmpty();
    }

    /** The family header of the user's rules. */
    static final String CUSTOM_FAMILY = "YOUR RULES";

    public record Cell(String text, String css, String title) {
    }

    public record DesignView(String anchor, String name, String description, String declared,
                             String verdict, String verdictCss, String expected, String found,
                             List<Cell> cells, List<EngineWork> engines, List<Chart> charts, List<OneOutcome> oneOutcome,
                             List<FindingView> findings, String queuesOverlapped, String queuesNeverOverlapped) {
        public boolean hasCharts() {
            return !charts.isEmpty();
        }
    }

    /**
     * A scenario whose samples all had one outcome: a line of text, not a chart of one bar (most of a catalogue's
     * ~140 outcome charts were, and drew nothing a line does not say).
     */
    public record OneOutcome(String title, String outcome, String count, String css) {
    }

    public record EngineWork(String name, String ran, String rules, String firstDetection, String work) {
    }

    /** An SVG horizontal bar chart; all coordinates are pixels. */
    public record Chart(String title, int width, int height, int labelX, int barX, List<Bar> bars) {
    }

    public record Bar(String label, String fullLabel, String count, String css, int y, int textY,
                      int width, int countX) {
    }

    /**
     * A bug's card: {@code steps} are the events that make it (all events when the finding does not say
     * which), {@code allSteps} the rest of the story, folded (empty when nothing is folded).
     */
    public record FindingView(String anchor, String id, String rule, String meaning, String consequence, String engine,
                              String scenario, String slot, String generation, String action,
                              String queues, String message, List<String> lanes, List<LaneRow> steps,
                              List<String> allSteps, List<SeenLine> seen, String shrink,
                              String lincheckTrace, String replayCommand, Cause followsFrom) {
        public boolean hasSteps() {
            return !steps.isEmpty();
        }

        public boolean hasFolded() {
            return !allSteps.isEmpty();
        }

        public int foldedCount() {
            return allSteps.size();
        }

        /** The folded story as one text, a line per event (a section per line would lose the line breaks). */
        public String storyText() {
            return String.join("\n", allSteps);
        }

        public boolean hasSeen() {
            return !seen.isEmpty();
        }

        /** The report's own replay file of this card, relative to the report folder; null when it has none. */
        public String replayFile() {
            return ReplayCommand.fileOf(replayCommand).filter(file -> !file.isAbsolute())
                    .map(file -> file.toString().replace('\\', '/')).orElse(null);
        }
    }

    /** The fault's card a bug follows from: its id, anchor and rule. */
    public record Cause(String id, String anchor, String rule) {
    }

    /** How often one engine saw the bug, in total and per scenario, and when that engine first saw its rule. */
    public record SeenLine(String engine, String scenarios, String count, String firstSeen) {
    }

    /** One event: its text sits in the cell of its own lane, the other lanes' cells stay empty. */
    public record LaneRow(String seq, boolean violation, List<LaneCell> cells) {
    }

    /** {@code source}: the driver's file:line that caused the event, or null. */
    public record LaneCell(String text, boolean event, String source) {
    }

    private static final String NONE = "—";
    private static final List<String> STANDARD_ENGINES = List.of("jcstress", "lincheck");
    private static final EngineRun NOT_REPORTED = new EngineRun(EngineStatus.NOT_RUN, "absent from results.json", null);
    private static final Set<String> EXPECTATIONS = Set.of("ACCEPTABLE", "ACCEPTABLE_INTERESTING", "FORBIDDEN");
    private static final int BAR_MAX = 360;
    private static final int ROW = 22;
    private static final int BAR_HEIGHT = 14;
    private static final int LABEL_CHARS = 40;
    private static final int CHAR_WIDTH = 8; // a little over the width of the chart's 12px monospace font

    public static ReportView of(Results results) {
        return of(results, null, null);
    }

    /** With the detection benchmark's section and the scale study's, each shown when not null. */
    public static ReportView of(Results results, Detection detection, ScaleView scale) {
        // The header always says what became of the standard engines, even when the producer left one out.
        Map<String, EngineRun> engines = new LinkedHashMap<>();
        STANDARD_ENGINES.forEach(name -> engines.put(name, NOT_REPORTED));
        engines.putAll(results.engines());
        RuleBook book = results.ruleBook();
        List<RuleId> columns = new ArrayList<>(Arrays.asList(Rule.values()));
        columns.addAll(book.custom());
        List<DesignView> designs = new ArrayList<>();
        for (int d = 0; d < results.designs().size(); d++) {
            designs.add(design(results.designs().get(d), "design-" + d, engines.keySet(), columns, book));
        }
        return new ReportView(
                results.generatedAt(),
                duration(results.durationMillis()),
                results.budget().entrySet().stream()
                        .map(e -> new Entry(e.getKey(), orNone(e.getValue()))).toList(),
                List.of(new Entry("JDK", orNone(results.environment().jdk())),
                        new Entry("cores", orNone(results.environment().cores())),
                        new Entry("OS", orNone(results.environment().os()))),
                engines.entrySet().stream()
                        .map(e -> new EngineLine(e.getKey(), e.getValue().status().toString(),
                                css(e.getValue().status()), orNone(e.getValue().reason()),
                                duration(e.getValue().durationMillis())))
                        .toList(),
                familyHeaders(book),
                columns.stream().map(r -> new RuleHeader(r.id(), r.meaning(), r.consequence(), book.isCustom(r.id()))).toList(),
                designs,
                designs.stream().flatMap(d -> d.findings().stream()).toList(),
                detection == null ? null : DetectionView.of(detection),
                scale,
                designs.size() == 1 ? summary(results.designs().get(0), designs.get(0)) : null);
    }

    /** A user's design is named by its class; the catalogue's by a short name. Users' designs declare nothing. */
    static boolean usersDesign(Design design) {
        return design.name().contains(".");
    }

    private static Summary summary(Design design, DesignView view) {
        List<Link> bugs = view.findings().stream()
                .map(f -> new Link(f.anchor(), f.rule() + ": " + f.message())).toList();
        String text;
        if (design.verdict() == Grade.NOT_RUN) {
            text = "No engine ran this design.";
        } else if (bugs.isEmpty()) {
            text = "Clean: no engine found any rule broken.";
        } else {
            text = bugs.size() + (bugs.size() == 1 ? " bug" : " bugs") + " found, breaking " + rules(design.foundRules()) + ":";
        }
        List<Entry> effort = new ArrayList<>();
        design.engines().forEach((engine, e) -> {
            if (e.statement().isEmpty()) {
                effort.add(new Entry(engine, engineWork(engine, e).work()));
            } else {
                e.statement().forEach((scenario, said) -> effort.add(new Entry(engine + " · " + scenario, said)));
            }
        });
        return new Summary(design.name(), view.verdict(), view.verdictCss(), text, bugs, effort);
    }

    /**
     * Which queue pairs each engine overlapped, engines that overlapped the same ones together: "jcstress, lincheck:
     * A × B, C × D". Results whose engines do not say (older files) give the design's pairs, every engine's; null for none.
     */
    private static String overlappedByEngine(Design design) {
        Map<List<String>, List<String>> enginesOf = new LinkedHashMap<>();
        design.engines().forEach((engine, e) -> {
            if (e.queuePairs() != null && !e.queuePairs().overlapped().isEmpty()) {
                enginesOf.computeIfAbsent(e.queuePairs().overlapped(), p -> new ArrayList<>()).add(engine);
            }
        });
        if (enginesOf.isEmpty()) {
            String all = pairs(design.queuePairs().overlapped());
            return all == null ? null : "every engine: " + all;
        }
        return enginesOf.entrySet().stream().map(e -> String.join(", ", e.getValue()) + ": " + pairs(e.getKey()))
                .collect(Collectors.joining("; "));
    }

    /** "A × B, C × D", or null for none, so the template leaves the line out. */
    private static String pairs(List<String> pairs) {
        return pairs.isEmpty() ? null : String.join(", ", pairs);
    }

    /**
     * One header per run of same-family rules, so the spans match the columns whatever the enum's order; the user's
     * rules, when there are any, in one group after them.
     */
    private static List<FamilyHeader> familyHeaders(RuleBook book) {
        List<FamilyHeader> headers = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            int last = headers.size() - 1;
            if (last >= 0 && headers.get(last).name().equals(rule.family().name())) {
                headers.set(last, new FamilyHeader(rule.family().name(), headers.get(last).span() + 1));
            } else {
                headers.add(new FamilyHeader(rule.family().name(), 1));
            }
        }
        if (!book.custom().isEmpty()) {
            headers.add(new FamilyHeader(CUSTOM_FAMILY, book.custom().size()));
        }
        return headers;
    }

    /** "name: verdict (found: Q-3 SLOT-5, expected: Q-3 SLOT-5 CMP-1)", the CLI's line per design. */
    public static String summaryLine(Design design) {
        return design.name() + ": " + design.verdict()
                + " (found: " + rules(design.foundRules()) + ", expected: " + rules(design.expectedRules()) + ")";
    }

    private static DesignView design(Design design, String anchor, Set<String> runEngines, List<RuleId> columns, RuleBook book) {
        List<FindingView> all = new ArrayList<>();
        for (int f = 0; f < design.findings().size(); f++) {
            all.add(finding(design.findings().get(f), anchor, f, design, book));
        }
        // A bug that follows from a fault of the same run is shown right under that fault's card.
        List<FindingView> findings = new ArrayList<>();
        for (FindingView f : all) {
            if (f.followsFrom() == null || all.stream().noneMatch(c -> c.id().equals(f.followsFrom().id()))) {
                findings.add(f);
                all.stream().filter(g -> g.followsFrom() != null && g.followsFrom().id().equals(f.id())).forEach(findings::add);
            }
        }
        // Engines of the run that are absent here did not run this design.
        Set<String> engineNames = new LinkedHashSet<>(runEngines);
        engineNames.addAll(design.engines().keySet());
        boolean users = usersDesign(design) && design.verdict() != Grade.NOT_RUN;
        String verdict = !users ? design.verdict().toString()
                : design.foundRules().isEmpty() ? "clean" : findings.size() + (findings.size() == 1 ? " bug found" : " bugs found");
        List<Chart> charts = design.engines().entrySet().stream()
                .flatMap(e -> e.getValue().histograms().stream().map(h -> chart(e.getKey(), h)))
                .toList();
        String verdictCss = !users ? css(design.verdict()) : design.foundRules().isEmpty() ? "as-expected" : "missed";
        return new DesignView(anchor, design.name(), orNone(design.description()), orNone(design.declared()),
                verdict, verdictCss,
                rules(design.expectedRules()), rules(design.foundRules()),
                columns.stream().map(r -> cell(design, r)).toList(),
                engineNames.stream().map(name -> engineWork(name, design.engines().get(name))).toList(),
                charts.stream().filter(c -> c.bars().size() > 1).toList(),
                charts.stream().filter(c -> c.bars().size() == 1)
                        .map(c -> new OneOutcome(c.title(), c.bars().get(0).fullLabel(), c.bars().get(0).count(), c.bars().get(0).css()))
                        .toList(),
                findings,
                overlappedByEngine(design), pairs(design.queuePairs().neverOverlapped()));
    }

    /** A matrix cell: one short word, so 21 rule columns fit a 1400 px window; its title says it in full. */
    private static Cell cell(Design design, RuleId rule) {
        boolean expected = design.expectedRules().contains(rule.id());
        boolean found = design.foundRules().contains(rule.id());
        String text;
        String meaning;
        String css;
        if (expected && found) {
            text = "found";
            meaning = "expected + found";
            css = "hit";
        } else if (expected && design.verdict() == Grade.NOT_RUN) {
            text = "not run";
            meaning = "expected, not run"; // not a miss: nothing looked for it
            css = "pending";
        } else if (expected) {
            text = "missed";
            meaning = "expected, missed";
            css = "miss";
        } else if (found && usersDesign(design)) {
            text = "bug";
            meaning = "bug found"; // a user's design is meant to be correct: every rule it breaks is a bug of the driver
            css = "extra";
        } else if (found && design.verdict() == Grade.AS_EXPECTED) {
            text = "foreseen";
            meaning = "found, foreseen by the design"; // the design declares it may also break this rule
            css = "extra";
        } else if (found) {
            text = "extra";
            meaning = "found, unexpected";
            css = "extra";
        } else {
            return EMPTY_CELL; // no title: a page of designs × rules stays small
        }
        return new Cell(text, css, rule.id() + ": " + meaning);
    }

    private static final Cell EMPTY_CELL = new Cell("", "", null);

    private static EngineWork engineWork(String name, DesignEngine engine) {
        if (engine == null) {
            return new EngineWork(name, "not run", NONE, NONE, NONE);
        }
        String firstDetection = engine.firstDetectionMillisByRule().isEmpty()
                ? duration(engine.firstDetectionMillis())
                : engine.firstDetectionMillisByRule().entrySet().stream()
                        .map(e -> e.getKey() + " after " + duration(e.getValue()))
                        .collect(Collectors.joining(", "));
        List<String> work = new ArrayList<>();
        if (engine.samples() != null) {
            work.add(count(engine.samples()) + " samples");
        }
        if (engine.samplesPerSecond() != null) {
            work.add(count(Math.round(engine.samplesPerSecond())) + " samples/s");
        }
        if (engine.invocations() != null) {
            work.add(count(engine.invocations()) + " invocations");
        }
        return new EngineWork(name, engine.ran() ? "yes" : "no", rules(engine.rules()), firstDetection,
                work.isEmpty() ? NONE : String.join(", ", work));
    }

    private static Chart chart(String engine, Histogram histogram) {
        return barChart(engine + " · " + histogram.scenario(), histogram.outcomes().stream()
                .map(o -> new BarInput(o.outcome(), o.count(), count(o.count()), outcomeCss(o.expectation()))).toList(), 14);
    }

    /** One bar of {@link #barChart}: its label (abbreviated if long), the value it is drawn to, the text beside it, its CSS class. */
    record BarInput(String label, long value, String shown, String css) {
    }

    /**
     * A horizontal bar chart, bars scaled to the largest value. Every chart of the report (outcome
     * histograms, detection times, the scale study) is one of these.
     *
     * @param shownChars room for the text beside a bar, in characters
     */
    static Chart barChart(String title, List<BarInput> inputs, int shownChars) {
        long max = inputs.stream().mapToLong(BarInput::value).max().orElse(0);
        int longest = inputs.stream().mapToInt(b -> abbreviate(b.label()).length()).max().orElse(0);
        int barX = longest * CHAR_WIDTH + 12;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            BarInput b = inputs.get(i);
            int width = barWidth(b.value(), max);
            int y = 4 + i * ROW;
            bars.add(new Bar(abbreviate(b.label()), b.label(), b.shown(), b.css(), y, y + BAR_HEIGHT - 3, width, barX + width + 6));
        }
        return new Chart(title, barX + BAR_MAX + shownChars * CHAR_WIDTH, 8 + inputs.size() * ROW, barX - 6, barX, bars);
    }

    /** Linear, but a non-zero count always gets a visible sliver: the rare outcomes are the interesting ones. */
    private static int barWidth(long count, long max) {
        if (count == 0) {
            return 0;
        }
        return (int) Math.max(2, Math.round((double) count * BAR_MAX / max));
    }

    private static final String FINDING = "-finding-";

    private static FindingView finding(Finding finding, String designAnchor, int index, Design design, RuleBook book) {
        String anchor = designAnchor + FINDING + index;
        List<Event> events = finding.events().stream()
                .sorted(Comparator.comparing(Event::seq, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<Event> key = events.stream().filter(e -> !Boolean.FALSE.equals(e.key())).toList();
        // Lanes in the order the finding lists its queues (when the card shows them), then others in order of appearance.
        Set<String> laneSet = new LinkedHashSet<>();
        finding.queues().stream().filter(q -> key.stream().anyMatch(e -> e.lane().equals(q))).forEach(laneSet::add);
        key.forEach(e -> laneSet.add(e.lane()));
        List<String> keyLanes = List.copyOf(laneSet);
        events.forEach(e -> laneSet.add(e.lane()));
        List<String> lanes = List.copyOf(laneSet);
        RuleId rule = book.byId(finding.rule()); // a custom rule's meaning comes from the results' own 'rules'
        // One row per engine, its scenarios in one cell: a bug three engines saw in five scenarios is 3 rows, not 15.
        Map<String, List<Results.Seen>> byEngine = new LinkedHashMap<>();
        finding.seen().forEach(s -> byEngine.computeIfAbsent(s.engine(), k -> new ArrayList<>()).add(s));
        List<SeenLine> seen = byEngine.entrySet().stream()
                .map(e -> new SeenLine(e.getKey(),
                        e.getValue().stream().map(s -> orNone(s.scenario()) + " " + count(s.count())).collect(Collectors.joining(", ")),
                        count(e.getValue().stream().mapToLong(Results.Seen::count).sum()), firstSeen(design, e.getKey(), rule)))
                .toList();
        String shrink = finding.notShrunk() != null ? "as the engine recorded it, not shrunk (" + finding.notShrunk() + ")"
                + (finding.replayCommand() == null ? "" : "; the command replays that recording")
                : finding.switchesBefore() == null ? null
                : "minimal, " + finding.switchesAfter() + " context switch" + (finding.switchesAfter() == 1 ? "" : "es")
                + " (shrunk from " + finding.switchesBefore() + ": " + (finding.switchesBefore() - finding.switchesAfter()) + " removed)";
        return new FindingView(anchor, orNone(finding.id()), finding.rule(), rule.meaning(), rule.consequence(),
                finding.engine(), orNone(finding.scenario()), shown(finding.slot()), shown(finding.generation()),
                shown(finding.action()), finding.queues().isEmpty() ? NONE : String.join(", ", finding.queues()),
                orNone(finding.message()), keyLanes, rows(key, keyLanes), story(events.stream().filter(e -> Boolean.FALSE.equals(e.key())).toList()),
                seen, shrink, finding.lincheckTrace(), finding.replayCommand(), cause(finding, design, designAnchor));
    }

    /** The events not drawn, one line each, for the folded part of a card: as text, so it costs a line, not a table row. */
    private static List<String> story(List<Event> events) {
        return events.stream()
                .map(e -> "#" + orNone(e.seq()) + " [" + e.lane() + "] " + e.text() + (e.source() == null ? "" : "   " + e.source())
                        + (e.violation() ? "   <- violation" : ""))
                .toList();
    }

    private static Cause cause(Finding finding, Design design, String designAnchor) {
        for (int i = 0; finding.followsFrom() != null && i < design.findings().size(); i++) {
            Finding c = design.findings().get(i);
            if (finding.followsFrom().equals(c.id())) {
                return new Cause(c.id(), designAnchor + FINDING + i, c.rule());
            }
        }
        return null;
    }

    private static List<LaneRow> rows(List<Event> events, List<String> lanes) {
        return events.stream()
                .map(e -> new LaneRow(orNone(e.seq()), e.violation(), lanes.stream()
                        .map(lane -> lane.equals(e.lane()) ? new LaneCell(e.text(), true, e.source()) : new LaneCell("", false, null))
                        .toList()))
                .toList();
    }

    /** When the engine first saw the rule on this design (per rule where the engine says so). */
    private static String firstSeen(Design design, String engine, RuleId rule) {
        DesignEngine e = design.engines().get(engine);
        if (e == null) {
            return NONE;
        }
        Long byRule = e.firstDetectionMillisByRule().get(rule.id());
        return duration(byRule != null ? byRule : e.firstDetectionMillis());
    }

    /** jcstress's Expect names; anything else (or none) is drawn as unknown. */
    private static String outcomeCss(String expectation) {
        boolean known = expectation != null && EXPECTATIONS.contains(expectation);
        return "outcome-" + (known ? expectation.toLowerCase(Locale.ROOT).replace('_', '-') : "unknown");
    }

    private static String abbreviate(String label) {
        return label.length() <= LABEL_CHARS ? label : label.substring(0, LABEL_CHARS - 1) + "…";
    }

    private static String rules(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(" ", ids);
    }

    /** CSS class of a verdict or status: "as expected" becomes "as-expected". */
    private static String css(Object label) {
        return label.toString().replace(' ', '-');
    }

    /** A card's fact only when the finding has it (most rules name no action, or no slot): null leaves its row out. */
    private static String shown(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String orNone(Object value) {
        return value == null || value.toString().isBlank() ? NONE : value.toString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "840 ms", "12.3 s", "2 min 03 s", "1 h 02 min". */
    static String duration(Long millis) {
        if (millis == null) {
            return NONE;
        }
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
