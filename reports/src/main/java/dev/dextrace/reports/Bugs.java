package dev.dextrace.reports;

import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.Payload;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.RuleBook;
import dev.dextrace.model.monitor.Violation;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.replay.Shrink;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.Results.Design;
import dev.dextrace.model.results.Results.Event;
import dev.dextrace.model.results.Results.Finding;
import dev.dextrace.model.results.Results.Seen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One finding per bug: the engines' findings of a design are grouped by rule and the driver code involved
 * (the violating event's source line when known, else its text with the numbers taken out, and its lane),
 * across engines and scenarios. Each bug keeps one representative, its interleaving shrunk on the controlled
 * runtime ({@link Shrink}) and replayed once more to learn the driver's source line of each event, with the
 * count of findings per engine and scenario. Its replay file is written under the report folder and its
 * command names it relative to that folder, so the folder can be zipped and mailed; the engines' raw
 * samples stay under target/. Results files stay small however many samples the engines kept.
 */
public final class Bugs {
    /** The folder of the report's replay files, relative to the report folder. */
    static final String REPLAYS = "replays";
    /** Run from the report folder, in target/ of the checkout or user project the campaign ran in ({@link ReplayCommand.Where}). */
    static final String REPLAY_COMMAND = ReplayCommand.FROM_REPORT_FOLDER;
    /** The events a card draws in its lanes; the rest of the story is folded. */
    static final int KEY_EVENTS = 10;
    private static final List<String> ENGINE_PREFERENCE = List.of("controlled", "lincheck", "jcstress");

    private Bugs() {
    }

    /** {@code results} with each design's findings grouped into bugs, their replay files written under {@code reportDir}. */
    public static Results group(Results results, Path reportDir) {
        RuleBook rules = results.ruleBook();
        // Designs are grouped on every core: each replays its findings' recordings, independently of the others.
        List<Design> designs = results.designs().parallelStream().map(d -> group(d, reportDir, rules)).toList();
        return new Results(results.schemaVersion(), results.generatedAt(), results.durationMillis(), results.budget(),
                results.environment(), results.engines(), designs, results.run(), results.rules());
    }

    static Design group(Design design, Path reportDir) {
        return group(design, reportDir, RuleBook.PROTOCOL);
    }

    /** {@code rules}: the order findings are shown in, the protocol's rules first, then the custom ones. */
    static Design group(Design design, Path reportDir, RuleBook rules) {
        List<Finding> sorted = design.findings().stream()
                .sorted(Comparator.comparing((Finding f) -> rules.order(f.rule()))).toList();
        // First by the engines' own account; then accounts whose representative's replay names the same driver
        // line are one bug. Only one finding per account is replayed here: a full run keeps hundreds of
        // near-identical samples, and replaying each made writing the report take minutes.
        Map<String, List<Finding>> byAccount = new LinkedHashMap<>();
        for (Finding f : sorted) {
            byAccount.computeIfAbsent(f.rule() + " " + signature(f), k -> new ArrayList<>()).add(f);
        }
        Map<String, List<Finding>> byBug = new LinkedHashMap<>();
        byAccount.forEach((account, same) -> {
            String line = driverLine(representative(same), reportDir);
            byBug.computeIfAbsent(line == null ? account : same.get(0).rule() + " " + line, k -> new ArrayList<>()).addAll(same);
        });
        List<Finding> bugs = new ArrayList<>();
        Map<String, String> causeRule = new LinkedHashMap<>(); // bug id -> the fault rule its run showed first
        for (List<Finding> same : byBug.values()) {
            Draft draft = bug(design.name(), same, bugs.size() + 1, reportDir);
            Finding bug = draft.bug();
            if (draft.causeRule() != null) {
                causeRule.put(bug.id(), draft.causeRule());
            }
            // Two groups whose shrunk interleavings end on the same driver line are one bug (first lines differed before shrinking).
            int twin = indexOfSameLine(bugs, bug);
            if (twin < 0) {
                bugs.add(bug);
            } else {
                bugs.set(twin, withSeen(bugs.get(twin), bug.seen()));
                deleteReplay(bug, reportDir); // the report folder keeps only the replays its cards name
            }
        }
        bugs.replaceAll(b -> {
            String rule = causeRule.get(b.id());
            String cause = rule == null ? null
                    : bugs.stream().filter(c -> c.rule().equals(rule)).map(Finding::id).findFirst().orElse(null);
            return cause == null ? b : new Finding(b.id(), b.engine(), b.scenario(), b.rule(), b.slot(), b.generation(), b.action(),
                    b.queues(), b.message(), b.events(), b.lincheckTrace(), b.replayCommand(), b.seen(), b.switchesBefore(),
                    b.switchesAfter(), cause, b.notShrunk());
        });
        return new Design(design.name(), design.description(), design.declared(), design.expectedRules(),
                design.foundRules(), design.verdict(), design.engines(), bugs, design.queuePairs());
    }

    /**
     * The driver code a finding is about: its replay, run once in sources mode, names the driver's line of the
     * violating event; without a replay that shows the rule (or a line), the engine's own account says it.
     */
    static String driverLine(Finding f, Path reportDir) {
        Path file = replayFile(f, reportDir);
        if (file != null && Files.isRegularFile(file)) {
            try {
                ReplayFile r = ReplayFile.read(file);
                Shrink.Result replayed = Shrink.replayWithSources(r.withRule(f.rule()));
                var v = replayed.verdict().first(f.rule());
                if (v.isDefined() && v.get().trigger() != null) {
                    String line = replayed.sources().get(v.get().trigger().seq());
                    if (line != null) {
                        return v.get().trigger().kind() + " at " + line;
                    }
                }
            } catch (RuntimeException e) {
                // not replayable here: grouped by the engine's account
            }
        }
        return null;
    }

    /** The engine's account of the driver code: the violating event's source line, else its message (or text) without numbers. */
    static String signature(Finding f) {
        Event trigger = f.events().stream().filter(Event::violation).reduce((a, b) -> b).orElse(null);
        if (trigger == null) {
            return f.message() == null ? "" : account(f.message());
        }
        if (trigger.source() != null) {
            return trigger.source();
        }
        if (ABOUT_A_QUEUE.contains(f.rule())) {
            // The bug is the queue that runs blocks at once; which two of its blocks overlapped (the message names one)
            // changes from run to run and engine to engine, and neither block start has a driver line.
            return "serial queue " + trigger.lane();
        }
        // The monitor's message names the code (the variable and both lines of a race); the trigger may be
        // only the event that was current when a plain field access was seen (a Process call's return).
        return account(f.message() != null ? f.message() : trigger.text());
    }

    /** Rules about a queue as a whole, whose violating event is a block starting on it (not a driver line). */
    private static final Set<String> ABOUT_A_QUEUE = Set.of(Rule.Q_2.id());

    /**
     * A text without what changes from run to run: numbers, lists of them (a Process call's slots: "Process(0,1)"
     * and "Process(0)" are the same code) and thread names (each engine names its threads).
     */
    static String account(String text) {
        return text.replaceAll("\\(?thread [^,)]*\\)?", "").replaceAll("\\d+(,\\s?\\d+)*", "#");
    }

    /** A bug, and the driver fault (EXC-1, HANG-1, Q-4) that broke its run first, if another rule's bug is one of that fault. */
    private record Draft(Finding bug, String causeRule) {
    }

    private static final Set<String> FAULTS = Set.of(Rule.EXC_1.id(), Rule.HANG_1.id(), Rule.Q_4.id());

    /** The fault of the same run that happened before {@code v}: what {@code v} follows from (its work was lost). */
    static String cause(Violation v, dev.dextrace.model.monitor.Verdict run) {
        long at = v.trigger() == null ? Long.MAX_VALUE : v.trigger().seq();
        return run.violations().filter(f -> FAULTS.contains(f.rule().id()) && !f.rule().id().equals(v.rule().id())
                        && f.trigger() != null && f.trigger().seq() < at)
                .map(f -> f.rule().id()).headOption().getOrNull();
    }

    /** The finding a group shows: one with a replay file, of the most systematic engine, with the shortest story. */
    private static final Comparator<Finding> REPRESENTATIVE = Comparator
            .comparing((Finding f) -> replayFile(f) == null)
            .thenComparing(f -> preference(f.engine()))
            .thenComparing(f -> f.events().size());

    private static Finding representative(List<Finding> same) {
        return same.stream().min(REPRESENTATIVE).orElseThrow();
    }

    /** Findings of a group whose recordings are tried, best first, until one repeats on the controlled runtime (a failed try costs one replay). */
    static final int SHRINK_TRIES = 3;

    private static Draft bug(String design, List<Finding> same, int n, Path reportDir) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        for (Finding f : same) {
            String key = f.engine() + "\u0000" + f.scenario();
            Seen s = seen.get(key);
            seen.put(key, new Seen(f.engine(), f.scenario(), s == null ? 1 : s.count() + 1));
        }
        String id = design + "/bug-" + n;
        // Named per design and bug: two designs (or two bugs of one design) that break one rule in one scenario keep two files.
        Path relative = Path.of(REPLAYS, safe(design), n + "-" + representative(same).rule() + ".replay");
        Path target = reportDir.resolve(relative);
        List<Finding> recorded = same.stream().sorted(REPRESENTATIVE)
                .filter(f -> replayFile(f, reportDir) != null && Files.isRegularFile(replayFile(f, reportDir))).limit(SHRINK_TRIES).toList();
        Finding fallback = null; // the best finding whose recording reads, shown as recorded when none repeats
        ReplayFile fallbackRecording = null;
        String why = null;
        for (Finding rep : recorded) {
            try {
                ReplayFile original = ReplayFile.read(replayFile(rep, reportDir));
                ReplayFile recording = original.withRule(rep.rule());
                if (fallback == null) {
                    fallback = rep;
                    fallbackRecording = recording;
                }
                Shrink.Result shrunk = Shrink.shrink(recording);
                Files.createDirectories(target.getParent());
                shrunk.replay().write(target);
                Violation v = shrunk.verdict().first(rep.rule()).get();
                Finding replayed = Grading.finding(id, rep.engine(), rep.scenario(), v, null, null, shrunk.replay().faults() == null
                        ? List.of() : shrunk.replay().faults());
                return new Draft(with(rep, id, card(v, shrunk.verdict().events().toJavaList(), shrunk.sources()), replayed.slot(),
                        replayed.generation(), replayed.action(), replayed.queues(), replayed.message(),
                        command(relative), List.copyOf(seen.values()), shrunk.switchesBefore(), shrunk.switchesAfter()),
                        cause(v, shrunk.verdict()));
            } catch (IOException | RuntimeException e) {
                // Not replayable here (a design not on this class path, a run that does not repeat): the next recording.
                why = why != null ? why : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        if (fallback == null) { // the engines kept no readable recording of it: nothing to run
            if (why != null) {
                System.err.println("warning: " + id + " (" + representative(same).rule() + "): no replay: " + why);
            }
            return new Draft(unshrunk(representative(same), id, seen, null, null), null);
        }
        // None repeated: the engine's own account, and the command for its recording as it is, so every interleaving
        // shown can be run (and seen not to repeat).
        System.err.println("warning: " + id + " (" + fallback.rule() + ") not shrunk: " + why);
        try {
            Files.createDirectories(target.getParent());
            fallbackRecording.write(target);
        } catch (IOException io) {
            System.err.println("warning: " + id + ": cannot keep its replay file " + target + ": " + io.getMessage());
            return new Draft(unshrunk(fallback, id, seen, null, why), null);
        }
        return new Draft(unshrunk(fallback, id, seen, command(relative), why), null);
    }

    /** The engine's own account of a bug, its interleaving as recorded; {@code why} it was not shrunk, when it has a replay. */
    private static Finding unshrunk(Finding rep, String id, Map<String, Seen> seen, String command, String why) {
        Finding f = with(rep, id, latest(rep.events()), rep.slot(), rep.generation(), rep.action(), rep.queues(), rep.message(), command,
                List.copyOf(seen.values()), null, null);
        return why == null ? f : withNotShrunk(f, why);
    }

    private static void deleteReplay(Finding bug, Path reportDir) {
        Path file = replayFile(bug); // relative to the report folder
        if (file != null) {
            try {
                Files.deleteIfExists(reportDir.resolve(file));
            } catch (IOException e) {
                System.err.println("warning: cannot remove " + bug.replayCommand() + ": " + e.getMessage());
            }
        }
    }

    /** An engine's own story, not shrunk: its last events up to the violation. */
    private static List<Event> latest(List<Event> events) {
        return events.subList(Math.max(0, events.size() - UNSHRUNK_EVENTS), events.size());
    }

    /** Events kept of a story that could not be shrunk. */
    static final int UNSHRUNK_EVENTS = 12;

    private static int indexOfSameLine(List<Finding> bugs, Finding bug) {
        String line = violationLine(bug);
        for (int i = 0; line != null && i < bugs.size(); i++) {
            if (bugs.get(i).rule().equals(bug.rule()) && line.equals(violationLine(bugs.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String violationLine(Finding f) {
        return f.events().stream().filter(Event::violation).map(Event::source).filter(java.util.Objects::nonNull)
                .reduce((a, b) -> b).orElse(null);
    }

    /** {@code bug} with {@code more} counts added, per engine and scenario. */
    private static Finding withSeen(Finding bug, List<Seen> more) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        for (Seen s : bug.seen()) {
            seen.put(s.engine() + "\u0000" + s.scenario(), s);
        }
        for (Seen s : more) {
            seen.merge(s.engine() + "\u0000" + s.scenario(), s, (a, b) -> new Seen(a.engine(), a.scenario(), a.count() + b.count()));
        }
        return new Finding(bug.id(), bug.engine(), bug.scenario(), bug.rule(), bug.slot(), bug.generation(), bug.action(), bug.queues(),
                bug.message(), bug.events(), bug.lincheckTrace(), bug.replayCommand(), List.copyOf(seen.values()),
                bug.switchesBefore(), bug.switchesAfter(), bug.followsFrom(), bug.notShrunk());
    }

    private static Finding withNotShrunk(Finding f, String why) {
        return new Finding(f.id(), f.engine(), f.scenario(), f.rule(), f.slot(), f.generation(), f.action(), f.queues(), f.message(),
                f.events(), f.lincheckTrace(), f.replayCommand(), f.seen(), f.switchesBefore(), f.switchesAfter(), f.followsFrom(), why);
    }

    private static Finding with(Finding rep, String id, List<Event> events, Integer slot, Integer generation, String action,
                                List<String> queues, String message, String command, List<Seen> seen,
                                Integer before, Integer after) {
        return new Finding(id, rep.engine(), rep.scenario(), rep.rule(), slot, generation, action, queues, message, events,
                trimTrace(rep.lincheckTrace()), command, seen, before, after, null);
    }

    /** Lincheck's trace without the harness's own frames (Lincheck, Kotlin, the JDK, dextrace's Lincheck glue), at most {@link #TRACE_LINES} lines. */
    static String trimTrace(String trace) {
        if (trace == null) {
            return null;
        }
        List<String> kept = trace.lines()
                .filter(line -> HARNESS_FRAMES.stream().noneMatch(h -> line.contains("at " + h)))
                .toList();
        return kept.size() <= TRACE_LINES ? String.join("\n", kept)
                : String.join("\n", kept.subList(0, TRACE_LINES)) + "\n… " + (kept.size() - TRACE_LINES) + " more lines in the engine's trace file under target/";
    }

    static final int TRACE_LINES = 25;
    private static final List<String> HARNESS_FRAMES = List.of("org.jetbrains.", "kotlin.", "java.", "jdk.", "sun.",
            "dev.dextrace.lincheck.", "dev.dextrace.model.runtime.");

    /**
     * The card's events: the violation's story and the key events, each with its source line; key: the
     * trigger, the violated slot's (or, for an action rule, the action's) life cycle, the other accesses
     * of a racing variable, and the last Process call before the trigger; at most {@link #KEY_EVENTS}: the
     * life-cycle events first, then the latest others.
     */
    static List<Event> card(Violation v, List<ProtocolEvent> all, Map<Long, String> sources) {
        ProtocolEvent trigger = v.trigger();
        Map<Long, ProtocolEvent> key = new LinkedHashMap<>();
        String variable = variable(trigger);
        boolean actionRule = v.rule() instanceof Rule r && r.family() == Rule.Family.ACT; // a custom rule has no family
        boolean waits = v.rule() == Rule.Q_4; // a cycle of waits: the locks taken and the waits that close it
        ProtocolEvent lastProcess = null;
        for (ProtocolEvent e : all) {
            if (trigger != null && e.seq() > trigger.seq()) {
                break;
            }
            boolean k = (v.slot().isPresent() && v.slot().equals(e.slot()))
                    || (waits && (e.kind() == EventKind.LOCK || e.kind() == EventKind.WAIT))
                    || (actionRule && v.action().isPresent() && v.action().equals(e.action()))
                    || (variable != null && variable.equals(variable(e)));
            if (k) {
                key.put(e.seq(), e);
            }
            if (e.kind() == EventKind.PROCESS_BEGIN) {
                lastProcess = e;
            }
        }
        if (trigger != null) {
            key.put(trigger.seq(), trigger);
        }
        long triggerSeq = trigger == null ? -1 : trigger.seq();
        // A slot's six response writes must not push its completion and return out of the card.
        Set<Long> shown = key.values().stream()
                .sorted(Comparator.comparing((ProtocolEvent e) -> e.seq() != triggerSeq && !LIFE_CYCLE.contains(e.kind()))
                        .thenComparing(ProtocolEvent::seq, Comparator.reverseOrder()))
                .limit(KEY_EVENTS - 1).map(ProtocolEvent::seq).collect(Collectors.toCollection(TreeSet::new));
        if (lastProcess != null) {
            shown.add(lastProcess.seq()); // the loop the race happens in
        }
        Set<Long> inCard = new TreeSet<>(shown);
        v.events().forEach(e -> inCard.add(e.seq()));
        List<Event> events = new ArrayList<>();
        for (ProtocolEvent e : all) {
            if (inCard.contains(e.seq())) {
                events.add(new Event((int) e.seq(), e.place(), e.text(), e.seq() == triggerSeq, sources.get(e.seq()),
                        shown.contains(e.seq())));
            }
        }
        return events;
    }

    /** What makes a slot's, an action's or a lock's story: drawn before the field accesses around them. */
    private static final Set<EventKind> LIFE_CYCLE = EnumSet.of(EventKind.ISSUE, EventKind.HW_START, EventKind.COMPLETE,
            EventKind.RETURNED, EventKind.DROPPED, EventKind.TIMEOUT, EventKind.ACTION_CREATE, EventKind.RETAIN, EventKind.RELEASE,
            EventKind.CANCEL, EventKind.FREE, EventKind.ABORTED, EventKind.LOCK, EventKind.UNLOCK, EventKind.WAIT, EventKind.FAULT);

    /** The shared variable a VAR event is about (e.g. fSlotState[3]), else null. */
    private static String variable(ProtocolEvent e) {
        return e != null && e.payload() instanceof Payload.VariableAccess access ? access.variable() : null;
    }

    private static int preference(String engine) {
        int i = ENGINE_PREFERENCE.indexOf(engine);
        return i < 0 ? ENGINE_PREFERENCE.size() : i;
    }

    /** The replay file an engine's command names (engines write absolute paths under target/). */
    static Path replayFile(Finding f) {
        return ReplayCommand.fileOf(f.replayCommand()).orElse(null);
    }

    /** The file a finding's command names, a relative one (a joined shard's copy) taken from the report folder. */
    static Path replayFile(Finding f, Path reportDir) {
        Path file = replayFile(f);
        return file == null || file.isAbsolute() ? file : reportDir.resolve(file);
    }

    /** The replay files {@code results}' cards name, copied from one report folder into another: a report stands on its own. */
    public static void copyReplays(Results results, Path fromReport, Path toReport) throws IOException {
        for (Design d : results.designs()) {
            for (Finding f : d.findings()) {
                Path file = replayFile(f);
                if (file != null && !file.isAbsolute() && Files.isRegularFile(fromReport.resolve(file))) {
                    Files.createDirectories(toReport.resolve(file).getParent());
                    Files.copy(fromReport.resolve(file), toReport.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static String command(Path relative) {
        return ReplayCommand.fromReportFolder(relative);
    }

    /** A design name as a folder name: a class name stays readable, anything odd becomes '_'. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
