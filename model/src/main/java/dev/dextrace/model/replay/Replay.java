package dev.dextrace.model.replay;

import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Rule;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.monitor.Violation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code Replay <file>}: re-executes a recorded finding on the controlled runtime and prints the interleaving it
 * ran and the rule it broke. Exit 0 when the run followed the recording and the expected rule is violated again,
 * 1 when it is not or the run left the recording, 2 for a bad file or a design not on the class path. Run it with
 * {@link ReplayCommand}'s command (the Maven profile forks it under the ivars agent, as the engines run designs).
 */
public final class Replay {
    static final int REPRODUCED = 0;
    static final int NOT_REPRODUCED = 1;
    static final int BAD_INPUT = 2;

    private Replay() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The replay of {@code args[0]}; its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0] == null || args[0].isBlank()) { // Maven passes an empty property as null
            err.println("usage: Replay <replay-file>   (a file a dextrace report keeps under replays/; with Maven: -D"
                    + ReplayCommand.PROPERTY + "=<file>)");
            return BAD_INPUT;
        }
        ReplayFile f;
        ReplayFile.Replayed run;
        try {
            f = ReplayFile.read(Path.of(args[0]));
            f.designEntry(); // a design not on the class path: one line, before anything runs
            run = f.run(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        Verdict v = run.verdict();
        out.println("replayed " + f.design() + " / " + f.scenario() + ": " + run.lanes().size() + " events, "
                + Shrink.switches(run.lanes()) + " context switches (the recording: " + f.lanes().size() + " events)"
                + (run.faults().stream().allMatch(x -> x == dev.dextrace.model.hardware.HbaFault.GOOD) ? ""
                : "; the hardware's faults, in start order: " + run.faults()));
        printInterleaving(v, run.lanes().size(), out);
        out.print(v.describe());
        if (!v.describe().endsWith("\n")) {
            out.println();
        }
        boolean again = f.expectedRule() == null ? !v.isClean() : v.rules().contains(f.expectedRule());
        Optional<String> diverged = run.divergence(f, followedUpTo(f, v, run.lanes().size()));
        if (diverged.isPresent()) {
            out.println("NOT REPRODUCED: the run left the recorded interleaving: " + diverged.get());
            return NOT_REPRODUCED;
        }
        String expected = f.expectedRule() == null ? "a violation" : f.expectedRule();
        out.println(again ? "REPRODUCED " + (f.expectedRule() == null ? v.outcome() : f.expectedRule())
                : "NOT REPRODUCED: expected " + expected + ", got " + v.outcome());
        return again ? REPRODUCED : NOT_REPRODUCED;
    }

    /**
     * How many of the run's events must follow the recording: up to the expected rule's violating event when it broke
     * (what comes after it may differ), else all the recorded ones. A hang's violating event is the stall noticed after
     * {@link dev.dextrace.model.World#STALL}: how often the stuck block spun until then depends on time, so a hang must
     * follow the recording up to the stuck block's start, its violation's event before the stall.
     */
    private static int followedUpTo(ReplayFile f, Verdict v, int sinceStart) {
        List<ProtocolEvent> events = v.events().toJavaList();
        Violation x = f.expectedRule() == null || sinceStart == 0 ? null : v.first(f.expectedRule()).getOrNull();
        if (x == null || x.trigger() == null) {
            return f.lanes().size();
        }
        List<ProtocolEvent> its = x.events().toJavaList();
        ProtocolEvent last = Rule.HANG_1.id().equals(f.expectedRule()) && its.size() > 1 ? its.get(its.size() - 2) : x.trigger();
        return (int) Math.max(0, last.seq() - events.get(events.size() - sinceStart).seq() + 1);
    }

    /** Events of one step in a row shown before the rest of the row is counted. */
    static final int SAME = 3;

    /**
     * The run's events since the lanes started, one a line under a line per lane's turn; the events where a rule broke
     * are marked; a row of the same step (a spinning loop's reads) shows its first {@link #SAME} and how many more.
     */
    private static void printInterleaving(Verdict v, int sinceStart, PrintStream out) {
        List<ProtocolEvent> events = v.events().toJavaList();
        List<ProtocolEvent> run = events.subList(Math.max(0, events.size() - sinceStart), events.size());
        String lane = null;
        String step = null;
        int inRow = 0;
        int folded = 0;
        for (ProtocolEvent e : run) {
            String broke = v.violations().filter(x -> x.trigger() != null && x.trigger().seq() == e.seq())
                    .map(x -> x.rule().id()).mkString(", ");
            String thisStep = e.lane() + "\u0000" + e.place() + "\u0000" + e.text();
            if (thisStep.equals(step) && broke.isEmpty()) {
                inRow++;
            } else {
                folded = printFolded(folded, out);
                inRow = 1;
            }
            step = thisStep;
            if (!e.lane().equals(lane)) {
                out.println("  -- " + e.lane());
                lane = e.lane();
            }
            if (inRow <= SAME) {
                out.println("    " + e + (broke.isEmpty() ? "" : "   <-- " + broke));
            } else {
                folded++;
            }
        }
        printFolded(folded, out);
    }

    private static int printFolded(int folded, PrintStream out) {
        if (folded > 0) {
            out.println("    ... " + folded + " more of the same step");
        }
        return 0;
    }
}
