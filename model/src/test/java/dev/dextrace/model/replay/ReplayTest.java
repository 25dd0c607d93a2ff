package dev.dextrace.model.replay;

import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the replay command prints and its exit code: the interleaving and the rule, non-zero when it does not reproduce. */
class ReplayTest {
    private record Ran(int code, String out, String err) {
    }

    private static Ran replay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> Replay.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path write(Path dir, ReplayFile f) throws Exception {
        Path file = dir.resolve("x.replay");
        f.write(file);
        return file;
    }

    @Test
    void aRecordingThatBreaksItsRulePrintsItsInterleavingAndTheRule(@TempDir Path dir) throws Exception {
        ReplayFile found = ShrinkTest.searchedRunShowing("SLOT-5");
        Ran r = replay(write(dir, found).toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("REPRODUCED SLOT-5"), r.out());
        assertTrue(r.out().contains("<-- SLOT-5"), "the event where it broke is marked: " + r.out());
        for (String lane : found.lanes()) {
            assertTrue(r.out().contains("  -- " + lane + "\n"), "each lane's turn is shown: " + lane);
        }
        assertEquals("", r.err());
    }

    @Test
    void aRuleThatDoesNotBreakIsNotReproduced(@TempDir Path dir) throws Exception {
        ReplayFile found = ShrinkTest.searchedRunShowing("SLOT-5");
        assertFalse(found.replay(Duration.ofSeconds(20)).rules().contains("HANG-1"));
        Ran r = replay(write(dir, new ReplayFile(found.design(), found.scenario(), "HANG-1", found.lanes())).toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("NOT REPRODUCED: expected HANG-1, got "), r.out());
    }

    @Test
    void aRunThatLeavesTheRecordingIsNotReproducedEvenIfTheRuleBreaks(@TempDir Path dir) throws Exception {
        ReplayFile found = ShrinkTest.searchedRunShowing("SLOT-5");
        List<String> other = new ArrayList<>(found.lanes());
        other.add(0, "no-such-lane"); // the runtime cannot follow it: it goes on as it must, and the run leaves the recording
        Ran r = replay(write(dir, new ReplayFile(found.design(), found.scenario(), "SLOT-5", other)).toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("NOT REPRODUCED: the run left the recorded interleaving: event 1 of the run was "), r.out());
    }

    /** Past the violation a run may differ from its recording (a spinning block's reads until the stall is noticed): still reproduced. */
    @Test
    void whatTheRunDoesAfterTheViolationNeedNotFollowTheRecording(@TempDir Path dir) throws Exception {
        ReplayFile found = ShrinkTest.searchedRunShowing("SLOT-5");
        List<String> longer = new ArrayList<>(found.lanes());
        for (int i = 0; i < 5; i++) {
            longer.add("no-such-lane");
        }
        Ran r = replay(write(dir, new ReplayFile(found.design(), found.scenario(), "SLOT-5", longer)).toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("REPRODUCED SLOT-5"), r.out());
    }

    /** A hang's stall is noticed after a time, so its spin's length differs from run to run: it follows the recording to the stuck block. */
    @Test
    void aHangReplaysThoughItsBlockSpinsADifferentNumberOfTimes(@TempDir Path dir) throws Exception {
        ReplayFile hang = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> Exploration.explore(Scenarios.COMPLETION_RACES_SUBMISSION,
                Catalogue.byName("spinning-process"), 0, 3, found -> found.contains("HANG-1")).first("HANG-1").orElseThrow().replay());
        Ran r = replay(write(dir, hang).toString());
        assertEquals(0, r.code(), r.out().lines().reduce((a, b) -> b).orElse(""));
        assertTrue(r.out().contains("REPRODUCED HANG-1"));
        assertTrue(r.out().lines().count() < 200, "the spin is folded: " + r.out().lines().count() + " lines");
        assertTrue(r.out().contains(" more of the same step"), "and counted");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path notOnClassPath = dir.resolve("user.replay");
        new ReplayFile("com.example.Gone", "completion-races-submission", "Q-3", List.of("a")).write(notOnClassPath);
        Path garbage = dir.resolve("garbage.replay");
        Files.writeString(garbage, "hello\n");
        for (String[] args : new String[][]{{}, {""}, {null}, {garbage.toString()}, {dir.resolve("missing.replay").toString()}, {notOnClassPath.toString()}}) {
            Ran r = replay(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals("", r.out());
        }
        assertTrue(replay(notOnClassPath.toString()).err().contains("design class com.example.Gone is not on the class path"));
    }
}
