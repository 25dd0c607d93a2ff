package dev.dextrace.reports;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.replay.Exploration;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.replay.Shrink;
import dev.dextrace.model.results.Grading;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.Results.Design;
import dev.dextrace.model.results.Results.Event;
import dev.dextrace.model.results.Results.Finding;
import dev.dextrace.model.results.ResultsIO;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BugsTest {

    /** A jcstress-like sample: the same racing write, on a slot that differs from sample to sample. */
    private static Finding sample(String rule, int slot, String text, String scenario) {
        return new Finding(null, "jcstress", scenario, rule, slot, 1, null, List.of("Default", "InterruptQueue"),
                text.replace("#", Integer.toString(slot)) + " raced", List.of(new Event(1, "Default", "Process(0,1,2,3)", false),
                new Event(2, "InterruptQueue", text.replace("#", Integer.toString(slot)), true)), null, null);
    }

    private static Design design(String name, List<Finding> findings) {
        return new Design(name, null, Results.Declared.VIOLATES, List.of("Q-3", "SLOT-5"), List.of("Q-3", "SLOT-5"),
                Results.Grade.AS_EXPECTED, Map.of(), findings);
    }

    @Test
    void nearIdenticalSamplesAreOneBugWithTheirCountsPerEngineAndScenario(@TempDir Path report) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 42; i++) {
            findings.add(sample("Q-3", i % 4, "write fSlotState[#] = DONE", i < 30 ? "completion-races-submission" : "two-completion-paths"));
        }
        findings.add(sample("SLOT-5", 3, "write response slot #", "completion-races-submission"));
        Design grouped = Bugs.group(design("d", findings), report);
        assertEquals(2, grouped.findings().size(), "one Q-3 bug and one SLOT-5 bug");
        Finding q3 = grouped.findings().stream().filter(f -> f.rule().equals("Q-3")).findFirst().orElseThrow();
        assertEquals(List.of(new Results.Seen("jcstress", "completion-races-submission", 30),
                new Results.Seen("jcstress", "two-completion-paths", 12)), q3.seen());
        assertNull(q3.replayCommand(), "no replay file, no command");
    }

    @Test
    void aProcessCallsSlotListIsNotPartOfTheDriverCode(@TempDir Path report) {
        Design grouped = Bugs.group(design("d", List.of(sample("Q-3", 0, "return from Process(#)", "s"),
                sample("Q-3", 1, "return from Process(0,#)", "s"), sample("Q-3", 2, "return from Process(0, 1, #)", "t"))), report);
        assertEquals(1, grouped.findings().size(), "one race, whichever slots the Process call had");
        assertEquals(3, grouped.findings().get(0).seen().stream().mapToLong(Results.Seen::count).sum());
    }

    @Test
    void differentDriverCodeIsAnotherBug(@TempDir Path report) {
        Design grouped = Bugs.group(design("d", List.of(sample("Q-3", 1, "write fSlotState[#] = DONE", "s"),
                sample("Q-3", 1, "write fPending = #", "s"))), report);
        assertEquals(2, grouped.findings().size());
    }

    /** A seeded controlled run of attempt 2 showing SLOT-5, kept as an engine keeps it: an absolute replay path under its work folder. */
    static Finding engineFinding(Path work) throws Exception {
        Scenario s = Scenarios.COMPLETION_RACES_SUBMISSION;
        Exploration.Found found = Exploration.explore(s, Catalogue.byName("attempt2-bundled-isr"), 20, 2000,
                rules -> rules.contains("SLOT-5")).firstByRule().get("SLOT-5");
        assertNotNull(found, "a search of attempt 2 shows SLOT-5");
        Path file = work.resolve("attempt2-bundled-isr").resolve("sample.replay").toAbsolutePath();
        Files.createDirectories(file.getParent());
        found.replay().write(file);
        return Grading.finding("x", "jcstress", s.name(), found.verdict().first("SLOT-5").get(), null, ReplayCommand.of(file));
    }

    @Test
    void theRepresentativeIsShrunkAndItsCommandReplaysFromTheReportFolder(@TempDir Path work, @TempDir Path report) throws Exception {
        Finding raw = engineFinding(work);
        Design grouped = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> Bugs.group(design("attempt2-bundled-isr", List.of(raw)), report));
        Finding bug = grouped.findings().get(0);
        assertNotNull(bug.replayCommand());
        assertTrue(bug.replayCommand().startsWith(Bugs.REPLAY_COMMAND), bug.replayCommand());
        String arg = bug.replayCommand().substring(Bugs.REPLAY_COMMAND.length());
        assertFalse(Path.of(arg).isAbsolute(), arg);
        assertFalse(arg.contains(work.toString()), "the report does not point into the engines' work folder");
        // What the command does, from the report folder: Replay reads the file and must see the rule again.
        assertTrue(ReplayFile.read(report.resolve(arg)).replay(Duration.ofSeconds(20)).rules().contains("SLOT-5"));
        assertTrue(bug.switchesAfter() <= bug.switchesBefore(), bug.switchesAfter() + " > " + bug.switchesBefore());
        assertEquals(Shrink.switches(ReplayFile.read(report.resolve(arg)).lanes()), bug.switchesAfter());
        List<Event> key = bug.events().stream().filter(e -> Boolean.TRUE.equals(e.key())).toList();
        assertTrue(key.size() <= Bugs.KEY_EVENTS, key::toString);
        assertTrue(key.stream().anyMatch(Event::violation));
        assertTrue(key.stream().anyMatch(e -> e.text().startsWith("Complete(")), key::toString);
        assertTrue(key.stream().anyMatch(e -> e.source() != null && e.source().startsWith("Attempt2BundledIsr.java:")), key::toString);
        // The seed's story: the interrupt queue's completion overtakes the Process loop, which then touches the completed slot.
        Event process = key.stream().filter(e -> e.text().startsWith("Process(")).findFirst().orElseThrow(() -> new AssertionError(key.toString()));
        Event complete = key.stream().filter(e -> e.text().startsWith("Complete(")).findFirst().orElseThrow();
        Event touch = key.stream().filter(Event::violation).findFirst().orElseThrow();
        assertTrue(process.seq() < complete.seq() && complete.seq() < touch.seq(), key::toString);
        assertEquals(process.lane(), touch.lane(), "the loop touches the slot");
        assertFalse(complete.lane().equals(touch.lane()), "another queue completed it");
        assertNotNull(complete.source(), "the completion's driver line");
        assertNotNull(touch.source(), "the touching access's driver line");
    }

    /**
     * Every card of several wrong catalogue designs, as the engines leave them (one finding per rule a search
     * showed, an absolute replay path under target/): its command, run from the report folder, shows its rule
     * again; shrinking never lengthened it; the folder holds exactly the replays the cards name.
     */
    @Test
    void everyCardsCommandReplaysItsRuleFromTheReportFolder(@TempDir Path work, @TempDir Path report) throws Exception {
        List<Design> designs = new ArrayList<>();
        for (String name : List.of("attempt2-bundled-isr", "throwing-interrupt-handler", "double-complete", "early-release")) {
            Scenario s = Scenarios.COMPLETION_RACES_SUBMISSION;
            List<Finding> findings = new ArrayList<>();
            for (Exploration.Found found : Exploration.explore(s, Catalogue.byName(name), 20, 2000, rules -> false).firstByRule().values()) {
                Path file = work.resolve(name).resolve(found.rule() + ".replay").toAbsolutePath();
                Files.createDirectories(file.getParent());
                found.replay().write(file);
                findings.add(Grading.finding("x", "controlled", s.name(), found.verdict().first(found.rule()).get(), null, ReplayCommand.of(file)));
            }
            assertFalse(findings.isEmpty(), name + " breaks a rule in " + s.name());
            designs.add(design(name, findings));
        }
        Results grouped = assertTimeoutPreemptively(Duration.ofMinutes(3),
                () -> Bugs.group(new Results(1, "2026-11-30T00:00:00Z", 1L, Map.of(), null, Map.of(), designs), report));
        int cards = 0;
        java.util.Set<Path> named = new java.util.HashSet<>();
        for (Design d : grouped.designs()) {
            for (Finding bug : d.findings()) {
                assertNotNull(bug.replayCommand(), bug.id());
                Path arg = Path.of(bug.replayCommand().substring(Bugs.REPLAY_COMMAND.length()));
                assertEquals(Path.of(Bugs.REPLAYS, d.name()), arg.getParent(), "named per design: " + arg);
                assertTrue(named.add(arg), "two cards share " + arg);
                assertTrue(ReplayFile.read(report.resolve(arg)).replay(Duration.ofSeconds(20)).rules().contains(bug.rule()),
                        bug.id() + " replays " + bug.rule());
                assertTrue(bug.switchesAfter() <= bug.switchesBefore(), bug.id() + ": " + bug.switchesAfter() + " > " + bug.switchesBefore());
                cards++;
            }
        }
        try (var files = Files.walk(report.resolve(Bugs.REPLAYS))) {
            assertEquals(cards, files.filter(Files::isRegularFile).count(), "one replay per card, no other");
        }
    }

    /**
     * A recording the controlled runtime does not repeat (here: a real-thread run's order, cut short) is not shrunk; its card
     * still carries the command for the recording as it is, and says why it was not shrunk.
     */
    @Test
    void aCardWhoseRecordingDoesNotRepeatCarriesItsCommandAndSaysWhyItWasNotShrunk(@TempDir Path work, @TempDir Path report) throws Exception {
        Finding raw = engineFinding(work);
        Path file = Bugs.replayFile(raw);
        ReplayFile recorded = ReplayFile.read(file);
        ReplayFile cut = new ReplayFile(recorded.design(), recorded.scenario(), "SLOT-5", recorded.lanes().subList(0, 2));
        assertFalse(cut.replay(Duration.ofSeconds(20)).rules().contains("SLOT-5"), "the cut recording runs to completion without SLOT-5");
        cut.write(file);
        Finding bug = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> Bugs.group(design("attempt2-bundled-isr", List.of(raw)), report)).findings().get(0);
        assertNotNull(bug.replayCommand(), "every interleaving shown has its command");
        Path arg = ReplayCommand.fileOf(bug.replayCommand()).orElseThrow();
        assertFalse(arg.isAbsolute(), arg.toString());
        assertEquals(cut, ReplayFile.read(report.resolve(arg)), "the command replays the recording as the engine kept it");
        assertNotNull(bug.notShrunk());
        assertTrue(bug.notShrunk().contains("does not show SLOT-5"), bug.notShrunk());
        assertNull(bug.switchesAfter(), "no shrinking claimed");
        assertEquals(raw.events().subList(Math.max(0, raw.events().size() - Bugs.UNSHRUNK_EVENTS), raw.events().size()), bug.events(),
                "the engine's own story, its latest events");
        Results results = new Results(1, "2026-11-30T00:00:00Z", 1L, Map.of(), null, Map.of(), List.of(design("attempt2-bundled-isr", List.of(bug))));
        Path json = report.resolve("results.json");
        ResultsIO.writeCompact(results, json);
        String page = Files.readString(ReportRenderer.write(results, json, report));
        assertTrue(page.contains("as the engine recorded it, not shrunk (") && page.contains("the command replays that recording"), "the card says so");
        assertTrue(page.contains(bug.replayCommand().replace("=", "&#61;")), "and prints the command (HTML-escaped)");
        // A finding whose engine kept no recording has nothing to run: no command, and nothing to explain.
        Finding none = Bugs.group(design("d", List.of(sample("Q-3", 0, "write fSlotState[#] = DONE", "s"))), report).findings().get(0);
        assertNull(none.replayCommand());
        assertNull(none.notShrunk());
    }

    /** When the best finding's recording does not repeat, the card is shrunk from the next one of the group that does. */
    @Test
    void aGroupsCardIsShrunkFromARecordingThatRepeats(@TempDir Path work, @TempDir Path report) throws Exception {
        Finding good = engineFinding(work); // jcstress's, which repeats
        ReplayFile recorded = ReplayFile.read(Bugs.replayFile(good));
        Path cutFile = work.resolve("cut.replay");
        new ReplayFile(recorded.design(), recorded.scenario(), "SLOT-5", recorded.lanes().subList(0, 2)).write(cutFile);
        // The controlled engine's is preferred, and it does not repeat (cut short); same rule, same account: one bug.
        Finding cut = new Finding("y", "controlled", good.scenario(), good.rule(), good.slot(), good.generation(), good.action(),
                good.queues(), good.message(), good.events(), null, ReplayCommand.of(cutFile));
        Finding bug = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> Bugs.group(design("attempt2-bundled-isr", List.of(cut, good)), report)).findings().get(0);
        assertNull(bug.notShrunk(), bug.notShrunk());
        assertEquals("jcstress", bug.engine(), "shown from the recording that repeats");
        assertNotNull(bug.switchesAfter());
        Path arg = ReplayCommand.fileOf(bug.replayCommand()).orElseThrow();
        assertTrue(ReplayFile.read(report.resolve(arg)).replay(Duration.ofSeconds(20)).rules().contains("SLOT-5"));
        assertEquals(2, bug.seen().stream().mapToLong(Results.Seen::count).sum());
    }

    /** Q-2 is about a serial queue: the reports of one overlap name whichever block started second. */
    @Test
    void aSerialQueuesOverlapIsOneBugWhicheverBlockTheReportsName(@TempDir Path report) {
        Design grouped = Bugs.group(design("d", List.of(overlap("Default", "concurrent block"), overlap("Default", "Process(0)"),
                overlap("Default", "UserAbortTaskRequest(target 0, tag 1)"), overlap("InterruptQueue", "InterruptOccurred"))), report);
        assertEquals(2, grouped.findings().size(), "Default's overlap once, the interrupt queue's apart: " + grouped.findings());
        assertEquals(3, grouped.findings().get(0).seen().stream().mapToLong(Results.Seen::count).sum());
    }

    private static Finding overlap(String queue, String block) {
        return new Finding(null, "jcstress", "s", "Q-2", null, null, null, List.of(queue, "kernel"),
                "a block of serial queue " + queue + " (" + block + ") started while another block of it was running",
                List.of(new Event(1, "kernel", "sync to " + queue + " (UserInitializeController)", false),
                        new Event(2, queue, block, true)), null, null);
    }

    /**
     * On the catalogue's own findings (a short controlled search of every design in every scenario, and for
     * concurrent-fanout also seeded runs, whose Q-2 reports name different blocks as jcstress's do): concurrent-fanout's
     * Q-2 is one card; no other design's findings merge beyond what the engines' own accounts (the rule and the message
     * without numbers) already made one.
     */
    @Test
    void onTheCataloguesFindingsOnlyAQueuesOverlapsMerge(@TempDir Path report) {
        for (DesignEntry d : Catalogue.all()) {
            List<Finding> findings = new ArrayList<>();
            for (Scenario s : Scenarios.forDesign(d)) {
                Exploration.explore(s, d, 4, 40, rules -> false).firstByRule().values().forEach(found ->
                        findings.add(Grading.finding(null, "controlled", s.name(), found.verdict().first(found.rule()).get(), null, null)));
                for (int seed = 0; d.name().equals("concurrent-fanout") && seed < 10; seed++) {
                    var v = s.load(s.builder(d).twoLanes().controlled(Strategy.seeded(seed))).run(Duration.ofSeconds(20));
                    v.first("Q-2").forEach(q2 -> findings.add(Grading.finding(null, "controlled", s.name(), q2, null, null)));
                }
            }
            Design grouped = Bugs.group(design(d.name(), findings), report);
            java.util.Set<String> accounts = new java.util.HashSet<>();
            findings.forEach(f -> accounts.add(f.rule() + " " + Bugs.account(f.message())));
            if (d.name().equals("concurrent-fanout")) {
                long q2 = findings.stream().filter(f -> f.rule().equals("Q-2")).map(f -> Bugs.account(f.message())).distinct().count();
                assertTrue(q2 >= 2, "its Q-2 reports name different blocks: " + accounts);
                assertEquals(1, grouped.findings().stream().filter(f -> f.rule().equals("Q-2")).count(), grouped.findings()::toString);
            } else {
                assertEquals(accounts.size(), grouped.findings().size(), d.name() + ": " + accounts);
            }
        }
    }

    /**
     * However many samples the engines kept, the report's page and results file stay under 300 KB: here with 36
     * designs (the catalogue has 29; more are coming), 400 samples each from three engines in five scenarios,
     * one or two bugs each (the full campaign shows 44 for 29 designs) with a story of 20 events and their source
     * lines, and jcstress's outcomes per scenario.
     */
    @Test
    void aCatalogueSizedReportStaysUnder300KB(@TempDir Path report) throws Exception {
        List<String> engines = List.of("jcstress", "lincheck", "controlled");
        List<Design> designs = new ArrayList<>();
        for (int d = 0; d < 36; d++) {
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                List<Event> story = new ArrayList<>();
                for (int e = 0; e < 19; e++) {
                    story.add(new Event(e, e % 2 == 0 ? "Default" : "InterruptQueue", "read fTargetID (command slot " + (e % 32) + ")",
                            false, "Design" + d + ".java:" + (90 + e), e > 10));
                }
                story.add(new Event(40, "InterruptQueue", "write fSlotState[" + (i % 32) + "] = DONE", true, "Design" + d + ".java:120", true));
                findings.add(new Finding(null, engines.get(i % 3), "scenario-" + (i % 5), d % 2 == 0 || i % 3 == 0 ? "Q-3" : "SLOT-5",
                        i % 32, 1, null, List.of("Default", "InterruptQueue"), "sample " + i, story, null, null));
            }
            List<Results.Histogram> outcomes = new ArrayList<>();
            for (int sc = 0; sc < 5; sc++) {
                outcomes.add(new Results.Histogram("scenario-" + sc, sc < 2
                        ? List.of(new Results.Outcome("EXPECTED Q-3", 140L, "ACCEPTABLE_INTERESTING"),
                                new Results.Outcome("EXPECTED CMP-1,Q-3", 7L, "ACCEPTABLE_INTERESTING"),
                                new Results.Outcome("EXPECTED Q-3,SLOT-5", 3L, "ACCEPTABLE_INTERESTING"))
                        : List.of(new Results.Outcome("clean", 155L, "ACCEPTABLE"))));
            }
            Map<String, Results.DesignEngine> byEngine = Map.of(
                    "jcstress", new Results.DesignEngine(true, List.of("Q-3", "SLOT-5"), 1200L, Map.of(), 559L, 26.0, outcomes, null, null),
                    "lincheck", new Results.DesignEngine(true, List.of("Q-3", "SLOT-5"), 800L, Map.of(), null, null, List.of(), 60L, null),
                    "controlled", new Results.DesignEngine(true, List.of("Q-3", "SLOT-5"), 60L, Map.of(), null, null, List.of(), 12L, null));
            Design raw = design("design-" + d, findings);
            designs.add(new Design(raw.name(), "Design " + d + ": what it gets wrong", raw.declared(), raw.expectedRules(),
                    raw.foundRules(), raw.verdict(), byEngine, raw.findings()));
        }
        Results raw = new Results(1, "2026-11-30T00:00:00Z", 1L, Map.of(), null, Map.of(), designs);
        Results grouped = Bugs.group(raw, report);
        Path json = report.resolve("results.json");
        ResultsIO.writeCompact(grouped, json); // as the campaign writes it
        Path page = ReportRenderer.write(grouped, json, report);
        assertEquals(grouped, ResultsIO.read(json), "the compact file reads back whole");
        assertEquals(54, grouped.designs().stream().mapToInt(d -> d.findings().size()).sum(), "1.5 bugs per design, as the catalogue's");
        assertTrue(Files.size(json) < 300_000, "results.json " + Files.size(json));
        assertTrue(Files.size(page) < 300_000, "index.html " + Files.size(page));
    }

    @Test
    void lincheckTracesLoseTheHarnessFramesAndStayShort() {
        String trace = "| process(5) | interrupt(5) |\n  pending[5].READ at DriverState.onInterrupt(DriverState.java:88)\n"
                + "  run at org.jetbrains.lincheck.Runner.run(Runner.kt:1)\n  call at dev.dextrace.lincheck.Ops.op(Ops.java:3)";
        assertEquals("| process(5) | interrupt(5) |\n  pending[5].READ at DriverState.onInterrupt(DriverState.java:88)", Bugs.trimTrace(trace));
        String longTrace = String.join("\n", java.util.Collections.nCopies(100, "| step |"));
        assertEquals(Bugs.TRACE_LINES + 1, Bugs.trimTrace(longTrace).lines().count());
        assertNull(Bugs.trimTrace(null));
    }

    @Test
    void whatALostWorkLeavesFollowsFromTheFaultThatLostIt() {
        Exploration.Found leak = Exploration.explore(Scenarios.COMPLETION_RACES_SUBMISSION, Catalogue.byName("throwing-interrupt-handler"),
                20, 2000, rules -> rules.contains("ACT-1")).firstByRule().get("ACT-1");
        assertNotNull(leak, "the handler throws and the action it held leaks");
        assertEquals("EXC-1", Bugs.cause(leak.verdict().first("ACT-1").get(), leak.verdict()));
        assertNull(Bugs.cause(leak.verdict().first("EXC-1").get(), leak.verdict()), "the fault follows from nothing");
        Exploration.Found race = Exploration.explore(Scenarios.COMPLETION_RACES_SUBMISSION, Catalogue.byName("attempt2-bundled-isr"),
                20, 2000, rules -> rules.contains("SLOT-5")).firstByRule().get("SLOT-5");
        assertNull(Bugs.cause(race.verdict().first("SLOT-5").get(), race.verdict()), "a race of its own");
    }
}
