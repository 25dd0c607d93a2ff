package dev.dextrace.campaign;

import dev.dextrace.model.results.Results;
import dev.dextrace.model.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A campaign stopped by SIGTERM (what a CI job's cancel sends) while jcstress runs a fork: it ends every
 * process it started, says "interrupted" for the engine it stopped and the one it never started, and
 * writes this run's report.
 */
class CampaignInterruptTest {
    @Test
    void anInterruptedCampaignLeavesNoProcessBehindAndReportsInterrupted(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> interrupt(dir));
    }

    private static void interrupt(Path dir) throws Exception {
        Path log = dir.resolve("campaign.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CampaignMain.class.getName(),
                "--designs", "double-complete", "--scenarios", "completion-races-submission", "--budget", "smoke",
                "--work", dir.resolve("work").toString(), "--out", dir.resolve("out").toString(),
                "--failure-file", dir.resolve("FAILED").toString()));
        Process campaign = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Set<ProcessHandle> seen = new LinkedHashSet<>();
        try {
            // Until jcstress's engine JVM has a fork of its own (depth 2 under the campaign).
            ProcessHandle fork = null;
            while (fork == null && campaign.isAlive()) {
                List<ProcessHandle> now = campaign.descendants().toList();
                seen.addAll(now);
                fork = now.stream().filter(p -> p.parent().map(pp -> !pp.equals(campaign.toHandle())).orElse(false))
                        .findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertTrue(fork != null, "a jcstress fork ran under the engine: " + Files.readString(log));
            seen.addAll(campaign.descendants().toList());

            long sent = System.nanoTime();
            campaign.destroy(); // SIGTERM
            assertTrue(campaign.waitFor(60, TimeUnit.SECONDS), "the campaign ends");
            long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (seen.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < grace) {
                Thread.sleep(20);
            }
            System.out.printf("SIGTERM to every process gone: %d ms%n", (System.nanoTime() - sent) / 1_000_000);
            assertTrue(seen.stream().noneMatch(ProcessHandle::isAlive), "processes left: " + seen.stream().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
            assertEquals(143, campaign.exitValue(), "the JVM's code for SIGTERM");
        } finally {
            seen.forEach(ProcessHandle::destroyForcibly);
            campaign.destroyForcibly();
        }

        String printed = Files.readString(log);
        assertTrue(printed.contains("race report: "), "the report's path is printed: " + printed);
        String runId = printed.lines().filter(l -> l.startsWith("campaign run ")).findFirst().orElseThrow().substring("campaign run ".length());
        Results r = ResultsIO.read(dir.resolve("out/results.json"));
        assertEquals(runId, r.run().id(), "this run's results");
        assertEquals(Results.EngineStatus.INTERRUPTED, r.engines().get("jcstress").status(), r.engines().toString());
        assertEquals(Results.EngineStatus.INTERRUPTED, r.engines().get("lincheck").status(), r.engines().toString());
        assertTrue(r.engines().get("lincheck").reason().startsWith("not started"), r.engines().get("lincheck").reason());
        assertTrue(Files.notExists(dir.resolve("work/lincheck")), "no Lincheck started after the signal");
        assertTrue(Files.readString(dir.resolve("FAILED")).contains("INTERRUPTED"), "a build tool sees it did not pass");
    }
}
