package dev.dextrace.model;

import dev.dextrace.model.catalogue.Attempt2BundledIsr;
import dev.dextrace.model.catalogue.Catalogue;
import dev.dextrace.model.catalogue.DesignEntry;
import dev.dextrace.model.monitor.ProtocolEvent;
import dev.dextrace.model.monitor.Verdict;
import dev.dextrace.model.replay.ReplayFile;
import dev.dextrace.model.runtime.Strategy;
import dev.dextrace.model.scenario.Scenario;
import dev.dextrace.model.scenario.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The controlled runtime: the same order replays the same events, and a free run's finding replays. */
class ControlledRuntimeTest {

    private static List<String> trace(Verdict v) {
        return v.events().map(e -> e.lane() + "|" + e.text()).toJavaList();
    }

    @Test
    void theSameSeedReplaysTheSameEvents() {
        Scenario s = Scenarios.COMPLETION_RACES_REISSUE;
        DesignEntry d = Catalogue.byName("attempt2-bundled-isr");
        Verdict a = s.load(s.builder(d).controlled(Strategy.seeded(42))).run(Scripted.TIMEOUT);
        Verdict b = s.load(s.builder(d).controlled(Strategy.seeded(42))).run(Scripted.TIMEOUT);
        assertEquals(trace(a), trace(b));
        Verdict c = s.load(s.builder(d).controlled(Strategy.seeded(43))).run(Scripted.TIMEOUT);
        assertTrue(!trace(a).equals(trace(c)) || a.events().size() < 5, "another seed takes another order");
    }

    @Test
    void followingTheLanesOfARunReplaysIt() {
        Scenario s = Scenarios.COMPLETION_RACES_SUBMISSION;
        DesignEntry d = Catalogue.byName("attempt2-bundled-isr");
        World first = s.load(s.builder(d).twoLanes().controlled(Strategy.seeded(5)));
        Verdict a = first.run(Scripted.TIMEOUT);
        World again = s.load(s.builder(d).twoLanes().controlled(Strategy.followLanes(first.lanesSinceStart(a))));
        assertEquals(trace(a), trace(again.run(Scripted.TIMEOUT)));
    }

    /** What jcstress cannot do: a violation seen on real threads is re-executed on the controlled runtime. */
    @Test
    void aFindingOfARealThreadRunReplays(@TempDir Path dir) throws Exception {
        Scenario s = Scenarios.COMPLETION_RACES_SUBMISSION;
        DesignEntry d = DesignEntry.of(Attempt2BundledIsr.class);
        ReplayFile found = null;
        for (int i = 0; i < 3000 && found == null; i++) {
            World w = s.load(s.builder(d).twoLanes());
            Verdict v = w.run(Duration.ofSeconds(10));
            if (v.rules().contains("CMP-1")) {
                found = ReplayFile.of(d, s, w, v, "CMP-1");
            }
        }
        assertNotNull(found, "a real-thread run of attempt 2 loses a completion now and then");
        Path file = dir.resolve("finding.replay");
        found.write(file);
        ReplayFile read = ReplayFile.read(file);
        assertEquals(found, read);
        Verdict replayed = read.replay(Scripted.TIMEOUT);
        assertTrue(replayed.rules().contains("CMP-1"), replayed::describe);
    }

    @Test
    void aBrokenReplayFileIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.replay");
        Files.writeString(file, "hello\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayFile.read(file));
        assertTrue(e.getMessage().contains("not a dextrace replay file"), e.getMessage());
        Files.writeString(file, "# dextrace replay v1\ndesign: x\n");
        e = assertThrows(IllegalArgumentException.class, () -> ReplayFile.read(file));
        assertTrue(e.getMessage().contains("lacks the 'scenario:' line"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReplayFile.read(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("cannot read replay file"), e.getMessage());
    }

    @Test
    void eventsAreNumberedInOrder() {
        Verdict v = Scripted.run(dev.dextrace.model.catalogue.BundledRecommended::new, Scripted.tur(2), Strategy.seeded(1));
        List<Long> seqs = v.events().map(ProtocolEvent::seq).toJavaList();
        for (int i = 1; i < seqs.size(); i++) {
            assertEquals(seqs.get(i - 1) + 1, seqs.get(i));
        }
    }
}
