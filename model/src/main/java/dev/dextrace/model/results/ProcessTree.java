package dev.dextrace.model.results;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process tree: the campaign's engines and the engines' own forks (jcstress). Shared by the
 * campaign and every engine's shutdown hook, so an interrupted run leaves no process behind.
 */
public final class ProcessTree {
    private static final long POLL_MILLIS = 50;

    private ProcessTree() {
    }

    /**
     * Asks every descendant of {@code root} (and {@code root} itself when {@code withRoot}) to end, deepest first,
     * then kills whatever is still alive after {@code grace}. Leaves first: a process whose parent died is
     * re-parented and no longer shows as a descendant, so every handle seen is kept and checked to the end.
     *
     * @return true when everything ended within the grace period
     */
    public static boolean stop(ProcessHandle root, boolean withRoot, Duration grace) {
        Set<ProcessHandle> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean graceful = false;
        while (true) {
            // Again each time round: a parent may start a new child (a jcstress fork) between two looks.
            List<ProcessHandle> now = deepestFirst(root);
            if (withRoot && root.isAlive()) {
                now.add(root);
            }
            now.stream().filter(seen::add).forEach(ProcessHandle::destroy);
            if (seen.stream().noneMatch(ProcessHandle::isAlive)) {
                graceful = true;
                break;
            }
            if (System.nanoTime() > deadline || !sleep(POLL_MILLIS)) {
                break;
            }
        }
        if (!graceful) {
            seen.addAll(deepestFirst(root));
            seen.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            seen.forEach(p -> p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join());
        }
        return graceful;
    }

    /** This JVM's descendants, ended as {@link #stop} does: what an engine's shutdown hook calls. */
    public static boolean stopDescendants(Duration grace) {
        return stop(ProcessHandle.current(), false, grace);
    }

    private static List<ProcessHandle> deepestFirst(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.sort(Comparator.comparingInt(ProcessTree::depth).reversed());
        return all;
    }

    private static int depth(ProcessHandle p) {
        int depth = 0;
        for (ProcessHandle at = p; at.parent().isPresent() && depth < 64; at = at.parent().get()) {
            depth++;
        }
        return depth;
    }

    /** False when interrupted: then the caller stops waiting and kills. */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
