package dev.dextrace.model.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.dextrace.model.monitor.RuleBook;
import dev.dextrace.model.monitor.RuleId;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The contents of {@code results.json} (see {@code docs/results-schema.md}).
 *
 * <p>The compact constructors check required fields and rule IDs. Jackson builds the records through
 * them, so a bad file fails while it is being read, with the JSON path of the offending object; optional
 * lists and maps become empty rather than null so the renderer never checks for null collections.
 */
@JsonPropertyOrder({"schemaVersion", "generatedAt", "run", "durationMillis", "budget", "environment", "engines", "rules", "designs"})
public record Results(
        Integer schemaVersion,
        String generatedAt,
        Long durationMillis,
        Map<String, Object> budget,
        Environment environment,
        Map<String, EngineRun> engines,
        List<Design> designs,
        Run run,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RuleId.Custom> rules) {

    /** The only {@code schemaVersion} this renderer understands. */
    public static final int SCHEMA_VERSION = 1;

    public Results {
        required(schemaVersion, "schemaVersion");
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + schemaVersion
                    + " is not supported; this renderer reads version " + SCHEMA_VERSION);
        }
        required(generatedAt, "generatedAt");
        budget = map(budget);
        environment = environment == null ? new Environment(null, null, null) : environment;
        engines = map(engines);
        designs = list(required(designs, "designs"), "designs");
        rules = list(rules, "rules"); // absent in files written before custom rules: the protocol's only
        checkRuleIds(designs, rules);
    }

    /** Results that name no run: a file written before run IDs, or by a producer outside a campaign. */
    public Results(Integer schemaVersion, String generatedAt, Long durationMillis, Map<String, Object> budget,
                   Environment environment, Map<String, EngineRun> engines, List<Design> designs) {
        this(schemaVersion, generatedAt, durationMillis, budget, environment, engines, designs, null);
    }

    /** Results that declare no custom rule. */
    public Results(Integer schemaVersion, String generatedAt, Long durationMillis, Map<String, Object> budget,
                   Environment environment, Map<String, EngineRun> engines, List<Design> designs, Run run) {
        this(schemaVersion, generatedAt, durationMillis, budget, environment, engines, designs, run, null);
    }

    /** These results stamped with the run that asked for them. */
    public Results withRun(Run stamp) {
        return new Results(schemaVersion, generatedAt, durationMillis, budget, environment, engines, designs, stamp, rules);
    }

    /** The rules these results may name: the protocol's, then the custom rules the file declares. */
    public RuleBook ruleBook() {
        return RuleBook.of(rules);
    }

    /**
     * Every rule ID in the file is a protocol rule or one of its {@code rules}, so a typo in a producer is caught
     * here, not shown as a blank column. Checked here rather than in each nested record, which cannot see {@code rules}.
     */
    private static void checkRuleIds(List<Design> designs, List<RuleId.Custom> rules) {
        RuleBook book;
        try {
            book = RuleBook.of(rules);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'rules': " + e.getMessage(), e);
        }
        for (int i = 0; i < designs.size(); i++) {
            Design d = designs.get(i);
            String at = "at designs[" + i + "] (" + d.name() + "), ";
            known(book, d.expectedRules(), at + "'expectedRules'");
            known(book, d.foundRules(), at + "'foundRules'");
            d.engines().forEach((engine, e) -> {
                known(book, e.rules(), at + "engines." + engine + ", 'rules'");
                known(book, List.copyOf(e.firstDetectionMillisByRule().keySet()), at + "engines." + engine + ", 'firstDetectionMillisByRule'");
            });
            for (int f = 0; f < d.findings().size(); f++) {
                known(book, List.of(d.findings().get(f).rule()), at + "findings[" + f + "], 'rule'");
            }
        }
    }

    private static void known(RuleBook book, List<String> ids, String where) {
        for (String id : ids) {
            if (!book.knows(id)) {
                throw new IllegalArgumentException(where + ": rule id '" + id + "' is unknown; valid ids: " + book.ids()
                        + " (a custom rule must be declared in 'rules')");
            }
        }
    }

    /**
     * The run that asked for these results and what it selected: the campaign makes the ID, each engine writes
     * it back, so the campaign never takes an older run's file for its own. {@code id} is null when the engine
     * was started by hand without {@code --run-id}.
     */
    public record Run(String id, String designs, String scenarios, String budget) {
        /** A fresh ID: the start time to the millisecond (for a person) and a random suffix (for uniqueness). */
        public static String newId() {
            return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                    + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    public record Environment(String jdk, Integer cores, String os) {
        /** The JVM this runs on: what every engine records about where its figures come from. */
        public static Environment ofThisJvm() {
            return new Environment(System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        }
    }

    /** How one engine's run as a whole ended. */
    public record EngineRun(EngineStatus status, String reason, Long durationMillis) {
        public EngineRun {
            required(status, "status");
        }
    }

    public record Design(
            String name,
            String description,
            Declared declared,
            List<String> expectedRules,
            List<String> foundRules,
            Grade verdict,
            Map<String, DesignEngine> engines,
            List<Finding> findings,
            QueuePairs queuePairs) {
        public Design {
            required(name, "name");
            required(verdict, "verdict");
            expectedRules = ruleIds(expectedRules, "expectedRules");
            foundRules = ruleIds(foundRules, "foundRules");
            engines = map(engines);
            findings = list(findings, "findings");
            queuePairs = queuePairs == null ? QueuePairs.UNKNOWN : queuePairs;
        }

        /** Before the queue pairs are known (an engine's own results; files written before they existed). */
        public Design(String name, String description, Declared declared, List<String> expectedRules, List<String> foundRules,
                      Grade verdict, Map<String, DesignEngine> engines, List<Finding> findings) {
            this(name, description, declared, expectedRules, foundRules, verdict, engines, findings, QueuePairs.UNKNOWN);
        }

        public Design withQueuePairs(QueuePairs pairs) {
            return new Design(name, description, declared, expectedRules, foundRules, verdict, engines, findings, pairs);
        }
    }

    /**
     * Which pairs of the design's queues an engine (in {@link DesignEngine}) or any engine (in {@link Design}) ran on
     * two lanes, so they could overlap, and which shared a lane and never did ({@code QueueLanes}). Each pair reads "A × B".
     */
    public record QueuePairs(List<String> overlapped, List<String> neverOverlapped) {
        public static final QueuePairs UNKNOWN = new QueuePairs(List.of(), List.of());

        public QueuePairs {
            overlapped = list(overlapped, "overlapped");
            neverOverlapped = list(neverOverlapped, "neverOverlapped");
        }
    }

    /**
     * One engine's work on one design; absent from {@link Design#engines()} when the engine did not run it.
     * {@code statement}: optional, scenario name → how hard the engine looked there (the controlled engine's
     * "exhaustive up to k preemptions: N interleavings, 0 violations; PCT: ..."), so a clean verdict says what it rests on.
     * {@code queuePairs}: optional (null when the engine does not say, as in files written before it), the queue
     * pairs this engine's scenarios, in the lane mappings it searched, ran on two lanes.
     */
    public record DesignEngine(
            boolean ran,
            List<String> rules,
            Long firstDetectionMillis,
            Map<String, Long> firstDetectionMillisByRule,
            Long samples,
            Double samplesPerSecond,
            List<Histogram> histograms,
            Long invocations,
            Map<String, String> statement,
            QueuePairs queuePairs) {
        public DesignEngine {
            rules = ruleIds(rules, "rules");
            firstDetectionMillisByRule = map(firstDetectionMillisByRule);
            histograms = list(histograms, "histograms");
            statement = map(statement);
        }

        /** Before the engine says which queue pairs it overlapped. */
        public DesignEngine(boolean ran, List<String> rules, Long firstDetectionMillis, Map<String, Long> firstDetectionMillisByRule,
                            Long samples, Double samplesPerSecond, List<Histogram> histograms, Long invocations,
                            Map<String, String> statement) {
            this(ran, rules, firstDetectionMillis, firstDetectionMillisByRule, samples, samplesPerSecond, histograms, invocations,
                    statement, null);
        }

        public DesignEngine withQueuePairs(QueuePairs pairs) {
            return new DesignEngine(ran, rules, firstDetectionMillis, firstDetectionMillisByRule, samples, samplesPerSecond,
                    histograms, invocations, statement, pairs);
        }

        /** Without a statement: for engines that do not say how hard they looked. */
        public DesignEngine(boolean ran, List<String> rules, Long firstDetectionMillis, Map<String, Long> firstDetectionMillisByRule,
                            Long samples, Double samplesPerSecond, List<Histogram> histograms, Long invocations) {
            this(ran, rules, firstDetectionMillis, firstDetectionMillisByRule, samples, samplesPerSecond, histograms, invocations, null);
        }
    }

    /** jcstress outcomes of one scenario. */
    public record Histogram(String scenario, List<Outcome> outcomes) {
        public Histogram {
            required(scenario, "scenario");
            outcomes = list(outcomes, "outcomes");
        }
    }

    /** {@code expectation} is jcstress's Expect name: ACCEPTABLE, ACCEPTABLE_INTERESTING, FORBIDDEN, UNKNOWN. */
    public record Outcome(String outcome, Long count, String expectation) {
        public Outcome {
            required(outcome, "outcome");
            if (required(count, "count") < 0) {
                throw new IllegalArgumentException("'count' is negative: " + count);
            }
        }
    }

    public record Finding(
            String id,
            String engine,
            String scenario,
            String rule,
            Integer slot,
            Integer generation,
            String action,
            List<String> queues,
            String message,
            List<Event> events,
            String lincheckTrace,
            String replayCommand,
            List<Seen> seen,
            Integer switchesBefore,
            Integer switchesAfter,
            String followsFrom,
            String notShrunk) {
        public Finding {
            required(engine, "engine");
            rule = ruleIds(List.of(required(rule, "rule")), "rule").get(0);
            queues = list(queues, "queues");
            events = list(events, "events");
            seen = list(seen, "seen");
        }

        /** One violation as an engine saw it, before findings are grouped into bugs. */
        public Finding(String id, String engine, String scenario, String rule, Integer slot, Integer generation, String action,
                       List<String> queues, String message, List<Event> events, String lincheckTrace, String replayCommand) {
            this(id, engine, scenario, rule, slot, generation, action, queues, message, events, lincheckTrace, replayCommand,
                    null, null, null, null);
        }

        /** A bug as {@code Bugs} groups it, its interleaving shrunk (or with no replay to shrink). */
        public Finding(String id, String engine, String scenario, String rule, Integer slot, Integer generation, String action,
                       List<String> queues, String message, List<Event> events, String lincheckTrace, String replayCommand,
                       List<Seen> seen, Integer switchesBefore, Integer switchesAfter, String followsFrom) {
            this(id, engine, scenario, rule, slot, generation, action, queues, message, events, lincheckTrace, replayCommand,
                    seen, switchesBefore, switchesAfter, followsFrom, null);
        }
    }

    /** A bug's count of findings kept by one engine in one scenario (a finding stands for one bug, see Bugs). */
    public record Seen(String engine, String scenario, long count) {
        public Seen {
            required(engine, "engine");
        }
    }

    /**
     * One step of an interleaving, on the queue or thread named by {@code lane}. {@code source}: the driver's
     * file:line that caused it, when known; {@code key}: one of the events that make the bug (the racing
     * accesses, the slot's or action's life cycle), the others are context a report may fold.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL) // most events have no source and no key: a report's results.json stays small
    public record Event(Integer seq, String lane, String text, boolean violation, String source, Boolean key) {
        public Event {
            required(lane, "lane");
            required(text, "text");
        }

        public Event(Integer seq, String lane, String text, boolean violation) {
            this(seq, lane, text, violation, null, null);
        }
    }

    // Each enum's JSON spelling is its name in lower case with spaces: AS_EXPECTED is "as expected".

    public enum Declared {
        CLEAN, VIOLATES;

        @JsonValue
        @Override
        public String toString() {
            return label(this);
        }
    }

    /**
     * A design's grade: what its engines found against what it declares. Not a monitor {@code Verdict} (one run's
     * violations); the JSON field keeps its name, {@code verdict}, and its values.
     */
    public enum Grade {
        AS_EXPECTED, MISSED, FALSE_ALARM, NOT_RUN;

        @JsonValue
        @Override
        public String toString() {
            return label(this);
        }
    }

    public enum EngineStatus {
        RAN, FAILED, TIMED_OUT, INTERRUPTED, NOT_RUN;

        @JsonValue
        @Override
        public String toString() {
            return label(this);
        }
    }

    private static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("required field '" + field + "' is missing or null");
        }
        return value;
    }

    private static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("'" + field + "' contains null");
        }
        return List.copyOf(values);
    }

    /** A null value reads as an absent key. Keeps the file's order, which the report shows (engines, budget). */
    private static <K, V> Map<K, V> map(Map<K, V> values) {
        Map<K, V> copy = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (v != null) {
                    copy.put(k, v);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Checks each ID's spelling; whether it names a known rule is checked by {@link Results} as a whole, which knows its {@code rules}. */
    private static List<String> ruleIds(List<String> ids, String field) {
        List<String> checked = list(ids, field);
        for (String id : checked) {
            if (!RuleId.isWellFormed(id)) {
                throw new IllegalArgumentException("'" + field + "': rule id '" + id + "' is not a rule ID such as \"SLOT-5\" or \"HW-1\"");
            }
        }
        return checked;
    }
}
