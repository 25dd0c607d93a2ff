package dev.dextrace.model.replay;

import dev.dextrace.model.World;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.hardware.FaultChooser;
import dev.dextrace.model.hardware.HbaFault;
import dev.dextrace.model.monitor.EventKind;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.results.AtomicWrite;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recorded interleaving that the controlled runtime can re-execute: the design, the scenario, the
 * two-lane layout, the rule it showed, which lane produced each event, and the fault each command the
 * dext started met (the run's choice where the scenario gives the hardware one). Any engine's finding
 * (jcstress, Lincheck, a seeded search) becomes one of these; {@link Replay} re-runs it.
 *
 * <p>The file is a few {@code key: value} lines, readable and diffable:
 * <pre>
 * # dextrace replay v1
 * design: attempt2-bundled-isr
 * scenario: completion-races-submission
 * expect: SLOT-5
 * lanes: submitter submitter completer ...
 * faults: CHECK_CONDITION GOOD DELIVERY_FAILURE
 * </pre>
 * A file without a {@code faults:} line (written before faults were chosen per run) replays with each
 * command's first option, which for the fixed plans of those scenarios is the plan itself.
 */
public record ReplayFile(String design, String scenario, String expectedRule, List<String> lanes, List<HbaFault> faults) {
    private static final String HEADER = "# dextrace replay v1";

    public ReplayFile {
        if (design == null || design.isBlank() || scenario == null || scenario.isBlank()) {
            throw new IllegalArgumentException("design and scenario must be named");
        }
        lanes = List.copyOf(lanes);
        faults = faults == null ? null : List.copyOf(faults);
    }

    /** A recording without faults (every command's first option). */
    public ReplayFile(String design, String scenario, String expectedRule, List<String> lanes) {
        this(design, scenario, expectedRule, lanes, null);
    }

    /** The same recording expecting {@code rule}. */
    public ReplayFile withRule(String rule) {
        return new ReplayFile(design, scenario, rule, lanes, faults);
    }

    /** The same recording with another interleaving (the same faults). */
    public ReplayFile withLanes(List<String> otherLanes) {
        return new ReplayFile(design, scenario, expectedRule, otherLanes, faults);
    }

    /** The interleaving of a run of {@code world} (built with two lanes) that ended in {@code verdict}. */
    public static ReplayFile of(DesignEntry design, Scenario scenario, World world, Verdict verdict, String expectedRule) {
        return new ReplayFile(design.type().getName(), scenario.name(), expectedRule, world.lanesSinceStart(verdict),
                world.hardware().faultsMet());
    }

    /** The design: a catalogue name or a class name. */
    public DesignEntry designEntry() {
        return design.contains(".") ? DesignEntry.forClassName(design) : Catalogue.byName(design);
    }

    /** Re-executes the interleaving on the controlled runtime, with the same two lanes. */
    public Verdict replay(Duration timeout) {
        return run(timeout).verdict();
    }

    /** Re-executes the interleaving, keeping the lane each event of the run took (to tell whether it followed the recording). */
    public Replayed run(Duration timeout) {
        World w = load(lanes);
        Verdict v = w.run(timeout);
        return new Replayed(v, w.lanesSinceStart(v), w.hardware().faultsMet());
    }

    /**
     * The world that re-executes {@code laneOfEachEvent} with the recorded faults, not run yet: each command meets the
     * fault the recording has for it (its first option where the file records none).
     */
    public World load(List<String> laneOfEachEvent) {
        Scenario s = Scenarios.byName(scenario);
        return s.load(s.builder(designEntry()).twoLanes().controlled(Strategy.followLanes(laneOfEachEvent))
                .faults(faults == null ? FaultChooser.first() : FaultChooser.planned(faults)));
    }

    /** A replay's run: its verdict, the lane of each event since the lanes started, and the fault each command met. */
    public record Replayed(Verdict verdict, List<String> lanes, List<HbaFault> faults) {
        public Replayed {
            lanes = List.copyOf(lanes);
            faults = List.copyOf(faults);
        }

        /**
         * Where the run left the recording within its first {@code upTo} events (what comes after a violation may
         * differ): the first event on another lane than recorded, or a run that ended before the recording did; or a
         * command started in those events that met another fault than recorded (one the scenario does not offer it),
         * or, when the whole recording was to be followed, a recorded fault no command met. Empty when it followed.
         */
        public Optional<String> divergence(ReplayFile recording, int upTo) {
            Optional<String> lanesLeft = divergence(recording.lanes(), upTo);
            if (recording.faults() == null) {
                return lanesLeft;
            }
            // the faults first: a command that met another fault than recorded is why the lanes leave the recording
            List<HbaFault> recorded = recording.faults();
            List<ProtocolEvent> events = verdict.events().toJavaList();
            List<ProtocolEvent> run = events.subList(Math.max(0, events.size() - lanes.size()), events.size());
            long started = run.stream().limit(upTo).filter(e -> e.kind() == EventKind.HW_START).count();
            int checked = upTo >= recording.lanes().size() ? Math.max(recorded.size(), faults.size()) : (int) started;
            for (int i = 0; i < checked; i++) {
                if (i >= faults.size()) {
                    return Optional.of("the recording's command " + (i + 1) + " meets " + recorded.get(i) + "; the run started "
                            + faults.size() + " command" + (faults.size() == 1 ? "" : "s") + " (faults met " + faults + ", recorded " + recorded + ")");
                }
                if (i >= recorded.size()) {
                    return Optional.of("the run started a command " + (i + 1) + " (it met " + faults.get(i) + "); the recording has "
                            + recorded.size() + " (faults met " + faults + ", recorded " + recorded + ")");
                }
                if (faults.get(i) != recorded.get(i)) {
                    return Optional.of("command " + (i + 1) + " met " + faults.get(i) + "; the recording has " + recorded.get(i)
                            + " (not a fault the scenario offers it)");
                }
            }
            return lanesLeft;
        }

        /**
         * Where the run left {@code recorded} within its first {@code upTo} events: the first event on another lane than
         * recorded, or a run that ended before the recording did; empty when it followed the recording that far.
         */
        public Optional<String> divergence(List<String> recorded, int upTo) {
            for (int i = 0; i < Math.min(upTo, recorded.size()); i++) {
                if (i >= lanes.size()) {
                    return Optional.of("the run ended after " + lanes.size() + " events; the recording has " + recorded.size());
                }
                if (!lanes.get(i).equals(recorded.get(i))) {
                    return Optional.of("event " + (i + 1) + " of the run was " + lanes.get(i) + "'s; the recording has " + recorded.get(i) + "'s");
                }
            }
            return Optional.empty();
        }
    }

    public void write(Path file) throws IOException {
        String text = HEADER + "\n"
                + "design: " + design + "\n"
                + "scenario: " + scenario + "\n"
                + "expect: " + (expectedRule == null ? "" : expectedRule) + "\n"
                + "lanes: " + String.join(" ", lanes) + "\n"
                + (faults == null ? "" : "faults: " + String.join(" ", faults.stream().map(HbaFault::name).toList()) + "\n");
        AtomicWrite.write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static ReplayFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read replay file " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IllegalArgumentException(file + " is not a dextrace replay file: the first line must be '" + HEADER + "'");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                kv.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        for (String key : List.of("design", "scenario", "lanes")) {
            if (!kv.containsKey(key)) {
                throw new IllegalArgumentException(file + " lacks the '" + key + ":' line");
            }
        }
        List<String> lanes = new ArrayList<>(List.of(kv.get("lanes").split("\\s+")));
        lanes.removeIf(String::isEmpty);
        String expect = kv.getOrDefault("expect", "");
        return new ReplayFile(kv.get("design"), kv.get("scenario"), expect.isEmpty() ? null : expect, lanes,
                kv.containsKey("faults") ? faults(file, kv.get("faults")) : null);
    }

    private static List<HbaFault> faults(Path file, String line) {
        List<HbaFault> out = new ArrayList<>();
        for (String word : line.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            try {
                out.add(HbaFault.valueOf(word));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": faults: '" + word + "' is not a fault; faults: "
                        + java.util.Arrays.toString(HbaFault.values()));
            }
        }
        return out;
    }
}
