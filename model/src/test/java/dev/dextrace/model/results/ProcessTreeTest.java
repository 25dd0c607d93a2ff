package dev.dextrace.model.results;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ending a process tree: politely when it listens, forcibly when it does not, and nothing left either way. */
class ProcessTreeTest {
    /** A shell with two grandchildren; {@code trap} decides whether the shells ignore SIGTERM. */
    private static Process tree(String trap) throws Exception {
        String child = trap + " while true; do sleep 0.2; done";
        Process p = new ProcessBuilder("sh", "-c", trap + " sh -c '" + child + "' & sh -c '" + child + "' & wait").start();
        while (p.descendants().count() < 2) {
            Thread.sleep(20);
        }
        return p;
    }

    @Test
    void aTreeThatListensEndsWithinTheGrace() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Process p = tree("");
            List<ProcessHandle> all = p.descendants().toList();
            assertTrue(ProcessTree.stop(p.toHandle(), true, Duration.ofSeconds(10)), "SIGTERM was enough");
            assertFalse(p.isAlive());
            assertEquals(0, all.stream().filter(ProcessHandle::isAlive).count(), "no descendant left");
        });
    }

    @Test
    void aTreeThatIgnoresSigtermIsKilledAfterTheGrace() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Process p = tree("trap '' TERM;");
            List<ProcessHandle> all = p.descendants().toList();
            assertFalse(ProcessTree.stop(p.toHandle(), true, Duration.ofMillis(500)), "it took SIGKILL");
            assertFalse(p.isAlive());
            assertEquals(0, all.stream().filter(ProcessHandle::isAlive).count(), "no descendant left");
        });
    }
}
