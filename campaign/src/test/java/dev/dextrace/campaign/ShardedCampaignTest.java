package dev.dextrace.campaign;

import dev.dextrace.engine.Folders;
import dev.dextrace.model.replay.ReplayCommand;
import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign run as 3 shards one after another, joined, gives the verdicts and rules per design and engine of the
 * same campaign unsharded; a join with a shard missing says which, and grades that shard's work "not run". The whole
 * catalogue, on the controlled engine at the smoke budget: deterministic (an exhaustive search, then seeded PCT), so
 * "the same verdicts" is exact. One scenario per path keeps it under a minute (every scenario: ~3 minutes; jcstress and
 * Lincheck would make it longer still, and their sampling would make "the same" a matter of chance); designs whose
 * rules show only in other scenarios are "missed" alike in both.
 */
class ShardedCampaignTest {
    private static final String[] CAMPAIGN = {"--engines", "controlled", "--budget", "smoke",
            "--designs", "catalogue", "--scenarios", "completion-races-submission,legacy-path"};

    private static String[] with(String... more) {
        String[] all = new String[CAMPAIGN.length + more.length];
        System.arraycopy(CAMPAIGN, 0, all, 0, CAMPAIGN.length);
        System.arraycopy(more, 0, all, CAMPAIGN.length, more.length);
        return all;
    }

    /** Per design: its verdict, its rules, and each engine's rules. */
    private static Map<String, String> outcome(Results r) {
        Map<String, String> m = new TreeMap<>();
        r.designs().forEach(d -> m.put(d.name(), d.verdict() + " " + d.foundRules() + " "
                + new TreeMap<>(d.engines().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().ran() + " " + e.getValue().rules())))));
        return m;
    }

    @Test
    void threeShardsJoinedAreTheCampaignAndAMissingShardIsNamed(@TempDir Path dir) throws Exception {
        CampaignMainTest.Ran whole = CampaignMainTest.campaign(with("--work", dir.resolve("work").toString(), "--out", dir.resolve("whole").toString()));
        assertTrue(whole.code() <= 1, whole.out() + whole.err()); // 1: some designs' rules need the scenarios left out
        Results expected = ResultsIO.read(dir.resolve("whole/results.json"));

        for (int i = 1; i <= 3; i++) {
            CampaignMainTest.Ran shard = CampaignMainTest.campaign(with("--shard", i + "/3", "--work", dir.resolve("work-" + i).toString(),
                    "--out", dir.resolve("shards/shard-" + i).toString()));
            assertTrue(shard.code() <= 1, shard.out() + shard.err());
            Results r = ResultsIO.read(dir.resolve("shards/shard-" + i + "/results.json"));
            assertEquals(i + "/3", r.budget().get("shard"));
            assertTrue(r.designs().size() < expected.designs().size(), "shard " + i + " runs a part: " + r.designs().size());
        }
        CampaignMainTest.Ran join = CampaignMainTest.campaign("--shards", dir.resolve("shards").toString(), "--out", dir.resolve("joined").toString());
        assertEquals(whole.code(), join.code(), join.out() + join.err());
        Results joined = ResultsIO.read(dir.resolve("joined/results.json"));
        assertEquals(outcome(expected), outcome(joined), "the same verdicts and rules per design and engine");
        // The joined cards replay from the joined report's folder, as the whole campaign's do; it keeps only their files.
        List<Path> named = joined.designs().stream().flatMap(d -> d.findings().stream())
                .map(f -> ReplayCommand.fileOf(f.replayCommand()).orElseThrow(() -> new AssertionError(f.id() + " has no command"))).toList();
        assertFalse(named.isEmpty());
        for (Path file : named) {
            assertTrue(file.startsWith("replays") && Files.isRegularFile(dir.resolve("joined").resolve(file)), file.toString());
        }
        try (var files = Files.walk(dir.resolve("joined/replays"))) {
            assertEquals(named.size(), files.filter(Files::isRegularFile).count(), "no shard's copy is left");
        }
        assertTrue(Files.exists(dir.resolve("joined/index.html")));

        Folders.deleteRecursively(dir.resolve("shards/shard-2"));
        CampaignMainTest.Ran partial = CampaignMainTest.campaign("--shards", dir.resolve("shards").toString(), "--out", dir.resolve("partial").toString());
        assertEquals(3, partial.code(), "an incomplete join is an incomplete campaign: " + partial.out());
        assertTrue(partial.out().contains("missing: 2/3"), partial.out());
        Results incomplete = ResultsIO.read(dir.resolve("partial/results.json"));
        Results.EngineRun run = incomplete.engines().get("controlled");
        assertEquals(Results.EngineStatus.NOT_RUN, run.status());
        assertTrue(run.reason().contains("shard 2/3 is missing"), run.reason());
        long notRun = incomplete.designs().stream().filter(d -> d.verdict() == Results.Grade.NOT_RUN).count();
        assertTrue(notRun > 0, "the missing shard's designs are not run");
        Map<String, Results.Grade> before = new TreeMap<>();
        expected.designs().forEach(d -> before.put(d.name(), d.verdict()));
        incomplete.designs().forEach(d -> assertTrue(d.verdict() == Results.Grade.NOT_RUN || d.verdict() == before.get(d.name()),
                d.name() + ": " + d.verdict() + ", unsharded " + before.get(d.name())));
    }

    @Test
    void aShardWithNoDesignOfAnEngineRunsNothingAndSaysSo(@TempDir Path dir) throws Exception {
        CampaignMainTest.Ran empty = CampaignMainTest.campaign("--engines", "controlled", "--budget", "smoke", "--designs", "double-complete",
                "--scenarios", "completion-races-submission", "--shard", "2/2",
                "--work", dir.resolve("w").toString(), "--out", dir.resolve("o").toString());
        assertEquals(0, empty.code(), empty.out() + empty.err());
        Results r = ResultsIO.read(dir.resolve("o/results.json"));
        assertEquals(Results.EngineStatus.RAN, r.engines().get("controlled").status());
        assertEquals("none of its designs is in shard 2/2", r.engines().get("controlled").reason());
        assertTrue(Files.notExists(dir.resolve("w/controlled")), "no engine process started");
    }

    @Test
    void shardsOfAnotherCampaignOrABadShardAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        CampaignMainTest.Ran bad = CampaignMainTest.campaign(with("--shard", "4/3", "--work", dir.resolve("w").toString(), "--out", dir.resolve("o").toString()));
        assertEquals(2, bad.code());
        assertTrue(bad.err().strip().startsWith("error: --shard: 4/3 is not a shard; use i/n with 1 <= i <= n <= 256"), bad.err());

        for (int i = 1; i <= 2; i++) {
            String designs = i == 1 ? "double-complete,bundled-recommended" : "double-complete,bundled-plain-locked";
            CampaignMainTest.Ran r = CampaignMainTest.campaign("--engines", "controlled", "--budget", "smoke", "--designs", designs,
                    "--scenarios", "completion-races-submission", "--shard", i + "/2", "--work", dir.resolve("w" + i).toString(),
                    "--out", dir.resolve("shards/s" + i).toString());
            assertEquals(0, r.code(), r.out() + r.err());
        }
        CampaignMainTest.Ran join = CampaignMainTest.campaign("--shards", dir.resolve("shards").toString(), "--out", dir.resolve("j").toString());
        assertEquals(2, join.code());
        assertTrue(join.err().strip().startsWith("error: --shards: ") && join.err().contains("is of another campaign"), join.err());
        assertEquals(1, join.err().strip().lines().count(), join.err());
    }
}
