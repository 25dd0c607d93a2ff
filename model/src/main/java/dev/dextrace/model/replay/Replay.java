package dev.dextrace.model.replay;

import dev.dextrace.model.monitor.Verdict;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code Replay <file>}: re-executes a recorded finding on the controlled runtime and prints what it
 * shows. Exit 0 when the expected rule is violated again, 1 when not, 2 for a bad file.
 */
public final class Replay {
    private Replay() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Replay <replay-file>   (a file written by a dextrace campaign, under target/race-report/replays/)");
            System.exit(2);
        }
        ReplayFile f;
        try {
            f = ReplayFile.read(Path.of(args[0]));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Verdict v = f.replay(Duration.ofSeconds(30));
        System.out.println("replayed " + f.design() + " / " + f.scenario() + " (" + f.lanes().size() + " recorded events)");
        System.out.println(v.describe());
        boolean again = f.expectedRule() == null ? !v.isClean() : v.rules().contains(f.expectedRule());
        System.out.println(again ? "REPRODUCED " + (f.expectedRule() == null ? v.outcome() : f.expectedRule())
                : "NOT REPRODUCED: expected " + f.expectedRule() + ", got " + v.outcome());
        System.exit(again ? 0 : 1);
    }
}
